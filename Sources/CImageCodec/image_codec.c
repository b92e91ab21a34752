// See CImageCodec.h. libjpeg reports fatal errors through error_exit, which
// must not return: it longjmps back to the decode call here.
#include "CImageCodec.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>

static void set_message(hw_image *out, const char *text) {
  snprintf(out->message, sizeof out->message, "%s", text);
}

// MARK: JPEG

typedef struct {
  struct jpeg_error_mgr base;
  jmp_buf jump;
  int premature_end;  // JWRN_JPEG_EOF seen: libjpeg padded the missing data
} hw_jpeg_error;

static void hw_jpeg_error_exit(j_common_ptr cinfo) {
  hw_jpeg_error *err = (hw_jpeg_error *)cinfo->err;
  longjmp(err->jump, 1);
}

static void hw_jpeg_emit_message(j_common_ptr cinfo, int level) {
  hw_jpeg_error *err = (hw_jpeg_error *)cinfo->err;
  if (level < 0 && err->base.msg_code == JWRN_JPEG_EOF) err->premature_end = 1;
  // Other warnings (stray bytes between markers, …) are common in real photos
  // and harmless; they are not printed.
}

static hw_img_status decode_jpeg(const uint8_t *data, size_t length, uint64_t max_pixels,
                                 int32_t min_long_side, hw_image *out) {
  struct jpeg_decompress_struct cinfo;
  hw_jpeg_error jerr;
  // volatile: read after longjmp
  uint8_t *volatile rgb = NULL;
  volatile int header_done = 0;

  memset(&cinfo, 0, sizeof cinfo);
  cinfo.err = jpeg_std_error(&jerr.base);
  jerr.base.error_exit = hw_jpeg_error_exit;
  jerr.base.emit_message = hw_jpeg_emit_message;
  jerr.premature_end = 0;
  if (setjmp(jerr.jump)) {
    char text[JMSG_LENGTH_MAX];
    jerr.base.format_message((j_common_ptr)&cinfo, text);
    set_message(out, text);
    int too_big = jerr.base.msg_code == JERR_IMAGE_TOO_BIG;
    uint64_t declared = (uint64_t)cinfo.image_width * (uint64_t)cinfo.image_height;
    if (too_big) {
      // A side over libjpeg's 65500 (read from SOF before it refused): the
      // header's size, so a bomb is reported as one.
      out->header_width = (int32_t)cinfo.image_width;
      out->header_height = (int32_t)cinfo.image_height;
    }
    jpeg_destroy_decompress(&cinfo);
    free(rgb);
    if (too_big) return declared > max_pixels ? HW_IMG_TOO_MANY_PIXELS : HW_IMG_UNSUPPORTED;
    // Data that ends after a valid header is a truncated file; a header that
    // cannot be parsed (garbage after the signature) is a corrupt one.
    if (header_done && (jerr.premature_end || jerr.base.msg_code == JERR_INPUT_EOF)) return HW_IMG_TRUNCATED;
    return HW_IMG_CORRUPT;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, data, (unsigned long)length);
  jpeg_read_header(&cinfo, TRUE);
  if (jerr.premature_end) {
    set_message(out, "JPEG header ends before the image data");
    jpeg_destroy_decompress(&cinfo);
    return HW_IMG_CORRUPT;
  }
  header_done = 1;
  out->header_width = (int32_t)cinfo.image_width;
  out->header_height = (int32_t)cinfo.image_height;
  if ((uint64_t)cinfo.image_width * (uint64_t)cinfo.image_height > max_pixels) {
    set_message(out, "JPEG header declares too many pixels");
    jpeg_destroy_decompress(&cinfo);
    return HW_IMG_TOO_MANY_PIXELS;
  }
  if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK) {
    set_message(out, "CMYK JPEG images are not supported; save the photo as RGB");
    jpeg_destroy_decompress(&cinfo);
    return HW_IMG_UNSUPPORTED;
  }
  cinfo.out_color_space = JCS_RGB;
  cinfo.scale_num = 1;
  cinfo.scale_denom = 1;
  if (min_long_side > 0) {
    unsigned long long_side = cinfo.image_width > cinfo.image_height ? cinfo.image_width : cinfo.image_height;
    for (unsigned denom = 8; denom >= 2; denom /= 2) {
      if (long_side / denom >= (unsigned long)min_long_side) { cinfo.scale_denom = denom; break; }
    }
  }
  jpeg_start_decompress(&cinfo);
  size_t row_bytes = (size_t)cinfo.output_width * 3;
  rgb = malloc(row_bytes * cinfo.output_height);
  if (!rgb) {
    set_message(out, "out of memory decoding JPEG");
    jpeg_destroy_decompress(&cinfo);
    return HW_IMG_NO_MEMORY;
  }
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = rgb + row_bytes * cinfo.output_scanline;
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  if (jerr.premature_end) {
    set_message(out, "JPEG data ends before the last scanline");
    jpeg_destroy_decompress(&cinfo);
    free(rgb);
    return HW_IMG_TRUNCATED;
  }
  out->width = (int32_t)cinfo.output_width;
  out->height = (int32_t)cinfo.output_height;
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  out->rgb = rgb;
  return HW_IMG_OK;
}

// MARK: PNG (libpng's simplified API: no setjmp needed here)

static uint32_t read_be32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static hw_img_status decode_png(const uint8_t *data, size_t length, uint64_t max_pixels, hw_image *out) {
  // IHDR is always the first chunk (bytes 8-32): check the declared size from
  // it before libpng reads further, so a bomb is refused even if truncated.
  if (length >= 24 && memcmp(data + 12, "IHDR", 4) == 0) {
    uint32_t w = read_be32(data + 16), h = read_be32(data + 20);
    out->header_width = (int32_t)(w > INT32_MAX ? INT32_MAX : w);
    out->header_height = (int32_t)(h > INT32_MAX ? INT32_MAX : h);
    if ((uint64_t)w * (uint64_t)h > max_pixels) {
      set_message(out, "PNG header declares too many pixels");
      return HW_IMG_TOO_MANY_PIXELS;
    }
  }
  png_image image;
  memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, data, length)) {
    set_message(out, image.message);
    png_image_free(&image);
    return HW_IMG_CORRUPT;
  }
  out->header_width = (int32_t)image.width;
  out->header_height = (int32_t)image.height;
  if ((uint64_t)image.width * (uint64_t)image.height > max_pixels) {
    set_message(out, "PNG header declares too many pixels");
    png_image_free(&image);
    return HW_IMG_TOO_MANY_PIXELS;
  }
  image.format = PNG_FORMAT_RGB;  // alpha is composited onto black, as dlib's loader does
  size_t bytes = PNG_IMAGE_SIZE(image);
  uint8_t *rgb = malloc(bytes);
  if (!rgb) {
    set_message(out, "out of memory decoding PNG");
    png_image_free(&image);
    return HW_IMG_NO_MEMORY;
  }
  png_color black = {0, 0, 0};
  if (!png_image_finish_read(&image, &black, rgb, 0, NULL)) {
    set_message(out, image.message);
    png_image_free(&image);
    free(rgb);
    // libpng reports missing data as "Not enough image data" or a read past the end.
    if (strstr(out->message, "Not enough") || strstr(out->message, "end of")
        || strstr(out->message, "EOF") || strstr(out->message, "read beyond")) {
      return HW_IMG_TRUNCATED;
    }
    return HW_IMG_CORRUPT;
  }
  out->width = (int32_t)image.width;
  out->height = (int32_t)image.height;
  out->rgb = rgb;
  return HW_IMG_OK;
}

hw_img_status hw_image_decode(const uint8_t *data, size_t length, uint64_t max_pixels,
                              int32_t min_long_side, hw_image *out) {
  memset(out, 0, sizeof *out);
  static const uint8_t png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
    out->format = HW_IMG_FORMAT_JPEG;
    return decode_jpeg(data, length, max_pixels, min_long_side, out);
  }
  if (length >= 8 && memcmp(data, png_signature, 8) == 0) {
    out->format = HW_IMG_FORMAT_PNG;
    return decode_png(data, length, max_pixels, out);
  }
  set_message(out, "not a JPEG or PNG file");
  return HW_IMG_UNKNOWN_FORMAT;
}

void hw_image_free(uint8_t *rgb) { free(rgb); }

// MARK: orientation, resize

void hw_image_orient(const uint8_t *src, int32_t w, int32_t h, int32_t orientation, uint8_t *dst) {
  int transposed = orientation >= 5 && orientation <= 8;
  int32_t dw = transposed ? h : w;
  int32_t dh = transposed ? w : h;
  for (int32_t dy = 0; dy < dh; dy++) {
    uint8_t *row = dst + (size_t)dy * dw * 3;
    for (int32_t dx = 0; dx < dw; dx++) {
      int32_t sx, sy;
      switch (orientation) {
        case 2: sx = w - 1 - dx; sy = dy; break;          // mirror horizontally
        case 3: sx = w - 1 - dx; sy = h - 1 - dy; break;  // rotate 180
        case 4: sx = dx; sy = h - 1 - dy; break;          // mirror vertically
        case 5: sx = dy; sy = dx; break;                  // transpose
        case 6: sx = dy; sy = h - 1 - dx; break;          // rotate 90 clockwise
        case 7: sx = w - 1 - dy; sy = h - 1 - dx; break;  // transverse
        case 8: sx = w - 1 - dy; sy = dx; break;          // rotate 90 counter-clockwise
        default: sx = dx; sy = dy; break;
      }
      const uint8_t *p = src + ((size_t)sy * w + sx) * 3;
      row[dx * 3] = p[0];
      row[dx * 3 + 1] = p[1];
      row[dx * 3 + 2] = p[2];
    }
  }
}

void hw_image_resize(const uint8_t *src, int32_t sw, int32_t sh, uint8_t *dst, int32_t dw, int32_t dh) {
  // Pixel centres map to pixel centres; edges clamp.
  double fx = (double)sw / dw, fy = (double)sh / dh;
  for (int32_t y = 0; y < dh; y++) {
    double syf = (y + 0.5) * fy - 0.5;
    if (syf < 0) syf = 0;
    int32_t y0 = (int32_t)syf;
    int32_t y1 = y0 + 1 < sh ? y0 + 1 : sh - 1;
    double wy = syf - y0;
    for (int32_t x = 0; x < dw; x++) {
      double sxf = (x + 0.5) * fx - 0.5;
      if (sxf < 0) sxf = 0;
      int32_t x0 = (int32_t)sxf;
      int32_t x1 = x0 + 1 < sw ? x0 + 1 : sw - 1;
      double wx = sxf - x0;
      for (int c = 0; c < 3; c++) {
        double a = src[((size_t)y0 * sw + x0) * 3 + c], b = src[((size_t)y0 * sw + x1) * 3 + c];
        double d = src[((size_t)y1 * sw + x0) * 3 + c], e = src[((size_t)y1 * sw + x1) * 3 + c];
        double v = (a * (1 - wx) + b * wx) * (1 - wy) + (d * (1 - wx) + e * wx) * wy;
        dst[((size_t)y * dw + x) * 3 + c] = (uint8_t)(v + 0.5);
      }
    }
  }
}

// MARK: JPEG encoding

int hw_image_encode_jpeg(const uint8_t *rgb, int32_t w, int32_t h, int32_t quality,
                         uint8_t **out, size_t *out_length) {
  struct jpeg_compress_struct cinfo;
  hw_jpeg_error jerr;
  unsigned char *volatile buffer = NULL;
  unsigned long size = 0;
  memset(&cinfo, 0, sizeof cinfo);
  cinfo.err = jpeg_std_error(&jerr.base);
  jerr.base.error_exit = hw_jpeg_error_exit;
  jerr.base.emit_message = hw_jpeg_emit_message;
  if (setjmp(jerr.jump)) {
    jpeg_destroy_compress(&cinfo);
    free(buffer);
    return -1;
  }
  jpeg_create_compress(&cinfo);
  unsigned char *mem = NULL;
  jpeg_mem_dest(&cinfo, &mem, &size);
  cinfo.image_width = (JDIMENSION)w;
  cinfo.image_height = (JDIMENSION)h;
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, quality, TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height) {
    JSAMPROW row = (JSAMPROW)(rgb + (size_t)cinfo.next_scanline * w * 3);
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  buffer = mem;
  jpeg_destroy_compress(&cinfo);
  *out = buffer;
  *out_length = size;
  return 0;
}
