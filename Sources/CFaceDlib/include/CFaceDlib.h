// CFaceDlib: dlib face detection (HOG, frontal), 5-point alignment and the
// 128-d ResNet descriptor behind a plain C interface. One handle holds one
// copy of the models; dlib's model objects are not thread-safe, so a handle
// must be used by one thread (or one actor) at a time.
#ifndef HOMEWARD_CFACEDLIB_H
#define HOMEWARD_CFACEDLIB_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HW_FACE_DESCRIPTOR_DIM 128

typedef struct hw_face_model hw_face_model;

typedef struct {
  // Box in the coordinates of the image passed in (not the scaled copy).
  int32_t left, top, right, bottom;
  float detection_score;
  float descriptor[HW_FACE_DESCRIPTOR_DIM];  // as dlib returns it (not normalised)
} hw_face;

/// Loads the two model files. Returns NULL and writes a message to err on failure.
hw_face_model *hw_face_model_create(const char *shape_predictor_path, const char *recognition_model_path,
                                    char *err, size_t err_length);
void hw_face_model_destroy(hw_face_model *model);

/// Finds faces in a tightly packed RGB8 image and describes the `max_faces`
/// most confident ones (in descending detection score). Images whose long
/// side exceeds max_long_side are scaled down for detection and alignment.
/// Returns how many faces were detected in total (may exceed max_faces; only
/// min(total, max_faces) entries of `out` are written), or -1 with err set.
int32_t hw_face_model_extract(hw_face_model *model, const uint8_t *rgb, int32_t width, int32_t height,
                              int32_t max_long_side, hw_face *out, int32_t max_faces,
                              char *err, size_t err_length);

/// Sets the number of BLAS threads when the BLAS at run time is OpenBLAS.
/// Returns 1 if it is OpenBLAS, 0 otherwise.
int32_t hw_face_blas_set_threads(int32_t threads);

/// The run-time BLAS's own description (OpenBLAS's config string), or
/// "reference BLAS (not OpenBLAS)".
const char *hw_face_blas_description(void);

#ifdef __cplusplus
}
#endif
#endif
