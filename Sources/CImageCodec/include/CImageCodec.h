// CImageCodec: JPEG/PNG decoding into RGB8 with the checks Homeward needs
// (dimensions read from the header before any pixel is decoded, truncated
// files reported), EXIF orientation applied to a pixel buffer, a bilinear
// resize, and a JPEG encoder (tests and benchmarks make re-encoded copies).
// Plain C over libjpeg(-turbo) and libpng; libjpeg's longjmp error handling
// stays inside this C file.
#ifndef HOMEWARD_CIMAGECODEC_H
#define HOMEWARD_CIMAGECODEC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  HW_IMG_OK = 0,
  HW_IMG_UNKNOWN_FORMAT = 1,   // neither JPEG nor PNG signature
  HW_IMG_TOO_MANY_PIXELS = 2,  // header dimensions over the cap (decompression bomb)
  HW_IMG_TRUNCATED = 3,        // data ends before the image does
  HW_IMG_CORRUPT = 4,          // the decoder rejected the data
  HW_IMG_UNSUPPORTED = 5,      // valid but not decodable to RGB (e.g. CMYK JPEG)
  HW_IMG_NO_MEMORY = 6
} hw_img_status;

typedef enum { HW_IMG_FORMAT_UNKNOWN = 0, HW_IMG_FORMAT_JPEG = 1, HW_IMG_FORMAT_PNG = 2 } hw_img_format;

/// The result of a decode. `rgb` is malloc'd (free with hw_image_free), tightly
/// packed, width*height*3 bytes. header_width/height are the dimensions in the
/// file, width/height those decoded (smaller when a JPEG was DCT-scaled).
typedef struct {
  uint8_t *rgb;
  int32_t width, height;
  int32_t header_width, header_height;
  hw_img_format format;
  char message[160];
} hw_image;

/// Decodes JPEG or PNG bytes into RGB8. Refuses images whose header gives more
/// than max_pixels pixels before decoding anything. When min_long_side > 0, a
/// JPEG is decoded at the smallest DCT scale (1/1, 1/2, 1/4, 1/8) whose long
/// side is still at least min_long_side (decoding a 12 MP photo at 1/2 or 1/4
/// is several times faster and the pipeline scales it down anyway).
hw_img_status hw_image_decode(const uint8_t *data, size_t length, uint64_t max_pixels,
                              int32_t min_long_side, hw_image *out);
void hw_image_free(uint8_t *rgb);

/// Applies EXIF orientation `orientation` (1...8) to src (w x h, RGB8) into
/// dst, which must hold w*h*3 bytes. For 5...8 the result is h x w.
void hw_image_orient(const uint8_t *src, int32_t w, int32_t h, int32_t orientation, uint8_t *dst);

/// Bilinear resize of RGB8 src (sw x sh) into dst (dw x dh).
void hw_image_resize(const uint8_t *src, int32_t sw, int32_t sh, uint8_t *dst, int32_t dw, int32_t dh);

/// Encodes RGB8 as baseline JPEG at `quality` (1...100). *out is malloc'd
/// (free with hw_image_free). Returns 0 on success.
int hw_image_encode_jpeg(const uint8_t *rgb, int32_t w, int32_t h, int32_t quality,
                         uint8_t **out, size_t *out_length);

#ifdef __cplusplus
}
#endif
#endif
