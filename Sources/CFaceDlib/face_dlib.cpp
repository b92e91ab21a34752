// See CFaceDlib.h. This is the only translation unit that includes dlib's DNN
// headers (compiling it takes ~35 s and ~1 GB); it is built with -O2 even in
// debug builds because dlib is header templates.
#include "CFaceDlib.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <dlib/dnn.h>
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>

namespace {

// The ResNet of dlib_face_recognition_resnet_model_v1.dat. The layer types
// must match the serialised network exactly for deserialisation to succeed.
template <template <int, template <typename> class, int, typename> class Block, int N,
          template <typename> class BN, typename Sub>
using residual = dlib::add_prev1<Block<N, BN, 1, dlib::tag1<Sub>>>;

template <template <int, template <typename> class, int, typename> class Block, int N,
          template <typename> class BN, typename Sub>
using residual_down =
    dlib::add_prev2<dlib::avg_pool<2, 2, 2, 2, dlib::skip1<dlib::tag2<Block<N, BN, 2, dlib::tag1<Sub>>>>>>;

template <int N, template <typename> class BN, int Stride, typename Sub>
using conv_block = BN<dlib::con<N, 3, 3, 1, 1, dlib::relu<BN<dlib::con<N, 3, 3, Stride, Stride, Sub>>>>>;

template <int N, typename Sub> using res = dlib::relu<residual<conv_block, N, dlib::affine, Sub>>;
template <int N, typename Sub> using res_down = dlib::relu<residual_down<conv_block, N, dlib::affine, Sub>>;

template <typename Sub> using level0 = res_down<256, Sub>;
template <typename Sub> using level1 = res<256, res<256, res_down<256, Sub>>>;
template <typename Sub> using level2 = res<128, res<128, res_down<128, Sub>>>;
template <typename Sub> using level3 = res<64, res<64, res<64, res_down<64, Sub>>>>;
template <typename Sub> using level4 = res<32, res<32, res<32, Sub>>>;

using face_net = dlib::loss_metric<dlib::fc_no_bias<
    128, dlib::avg_pool_everything<level0<level1<level2<level3<level4<dlib::max_pool<
             3, 3, 2, 2, dlib::relu<dlib::affine<dlib::con<32, 7, 7, 2, 2, dlib::input_rgb_image_sized<150>>>>>>>>>>>>>;

constexpr unsigned long chip_size = 150;
constexpr double chip_padding = 0.25;

void write_error(char *err, size_t err_length, const std::string &text) {
  if (err && err_length) std::snprintf(err, err_length, "%s", text.c_str());
}

}  // namespace

struct hw_face_model {
  dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
  dlib::shape_predictor landmarks;
  face_net net;
};

extern "C" hw_face_model *hw_face_model_create(const char *shape_predictor_path, const char *recognition_model_path,
                                               char *err, size_t err_length) {
  try {
    auto model = new hw_face_model();
    try {
      dlib::deserialize(shape_predictor_path) >> model->landmarks;
    } catch (const std::exception &e) {
      delete model;
      write_error(err, err_length, std::string("cannot load shape predictor: ") + e.what());
      return nullptr;
    }
    try {
      dlib::deserialize(recognition_model_path) >> model->net;
    } catch (const std::exception &e) {
      delete model;
      write_error(err, err_length, std::string("cannot load face recognition model: ") + e.what());
      return nullptr;
    }
    return model;
  } catch (const std::exception &e) {
    write_error(err, err_length, e.what());
    return nullptr;
  } catch (...) {
    write_error(err, err_length, "unknown error loading the face models");
    return nullptr;
  }
}

extern "C" void hw_face_model_destroy(hw_face_model *model) { delete model; }

extern "C" int32_t hw_face_model_extract(hw_face_model *model, const uint8_t *rgb, int32_t width, int32_t height,
                                         int32_t max_long_side, hw_face *out, int32_t max_faces, char *err,
                                         size_t err_length) {
  try {
    if (width <= 0 || height <= 0) {
      write_error(err, err_length, "image has no pixels");
      return -1;
    }
    dlib::array2d<dlib::rgb_pixel> full(height, width);
    for (int32_t y = 0; y < height; y++) {
      const uint8_t *row = rgb + static_cast<size_t>(y) * width * 3;
      for (int32_t x = 0; x < width; x++) {
        full[y][x] = dlib::rgb_pixel(row[3 * x], row[3 * x + 1], row[3 * x + 2]);
      }
    }
    // Detection and alignment run on a copy whose long side is at most max_long_side.
    double scale = 1.0;
    int32_t long_side = std::max(width, height);
    dlib::array2d<dlib::rgb_pixel> scaled;
    const dlib::array2d<dlib::rgb_pixel> *work = &full;
    if (max_long_side > 0 && long_side > max_long_side) {
      scale = static_cast<double>(max_long_side) / long_side;
      scaled.set_size(std::max(1L, std::lround(height * scale)), std::max(1L, std::lround(width * scale)));
      dlib::resize_image(full, scaled);
      work = &scaled;
    }

    std::vector<dlib::rect_detection> detections;
    model->detector(*work, detections, 0.0);  // no upsampling
    std::stable_sort(detections.begin(), detections.end(),
                     [](const dlib::rect_detection &a, const dlib::rect_detection &b) {
                       return a.detection_confidence > b.detection_confidence;
                     });
    int32_t total = static_cast<int32_t>(detections.size());
    int32_t kept = std::min(total, std::max(0, max_faces));

    std::vector<dlib::matrix<dlib::rgb_pixel>> chips(kept);
    for (int32_t i = 0; i < kept; i++) {
      auto shape = model->landmarks(*work, detections[i].rect);
      dlib::extract_image_chip(*work, dlib::get_face_chip_details(shape, chip_size, chip_padding), chips[i]);
    }
    std::vector<dlib::matrix<float, 0, 1>> descriptors;
    if (kept > 0) descriptors = model->net(chips, 16);

    for (int32_t i = 0; i < kept; i++) {
      const auto &r = detections[i].rect;
      hw_face &f = out[i];
      f.left = static_cast<int32_t>(std::lround(r.left() / scale));
      f.top = static_cast<int32_t>(std::lround(r.top() / scale));
      f.right = static_cast<int32_t>(std::lround(r.right() / scale));
      f.bottom = static_cast<int32_t>(std::lround(r.bottom() / scale));
      f.detection_score = static_cast<float>(detections[i].detection_confidence);
      for (int k = 0; k < HW_FACE_DESCRIPTOR_DIM; k++) f.descriptor[k] = descriptors[i](k);
    }
    return total;
  } catch (const std::exception &e) {
    write_error(err, err_length, std::string("face extraction failed: ") + e.what());
    return -1;
  } catch (...) {
    write_error(err, err_length, "face extraction failed: unknown error");
    return -1;
  }
}

// OpenBLAS's own entry points are looked up at run time: the program links the
// generic libblas.so.3, which Debian's alternatives point at OpenBLAS or at the
// slow reference BLAS.
extern "C" int32_t hw_face_blas_set_threads(int32_t threads) {
  using set_fn = void (*)(int);
  auto set = reinterpret_cast<set_fn>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  if (!set) return 0;
  set(threads);
  return 1;
}

extern "C" const char *hw_face_blas_description(void) {
  using get_fn = char *(*)();
  auto get = reinterpret_cast<get_fn>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
  if (!get) return "reference BLAS (not OpenBLAS)";
  return get();
}
