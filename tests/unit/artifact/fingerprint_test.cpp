#include "decision/artifact/fingerprint.hpp"

#include <gtest/gtest.h>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_unit_artifact_fingerprint_test {

using decision::artifact::Fingerprint;
using decision::artifact::fingerprints;

namespace {

const std::string k_oid = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";

TEST(Fingerprint, LfsPointer) {
    std::string pointer =
        "version https://git-lfs.github.com/spec/v1\noid sha256:" + k_oid + "\nsize 12345\n";
    EXPECT_EQ(
        fingerprints("models/fraud.onnx", pointer),
        (std::vector<Fingerprint>{{"lfs", "oid", "sha256:" + k_oid}, {"lfs", "size", "12345"}}));
}

TEST(Fingerprint, LfsPointerWithABadOidKeepsOnlyTheSize) {
    std::string pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:xyz\nsize 1\n";
    EXPECT_EQ(fingerprints("m.bin", pointer), (std::vector<Fingerprint>{{"lfs", "size", "1"}}));
}

TEST(Fingerprint, WeightsAreNotAPointer) {
    EXPECT_TRUE(fingerprints("model.pkl", std::string("\x80\x04\x95", 3)).empty());
}

TEST(Fingerprint, DvcOutputs) {
    std::string dvc = "outs:\n- md5: a304afb96060aad90176268345e10355\n  size: 10\n  path: "
                      "data.csv\n- md5: 0123456789abcdef0123456789abcdef.dir\n  path: imgs\n";
    EXPECT_EQ(fingerprints("data/data.csv.dvc", dvc),
              (std::vector<Fingerprint>{{"dvc", "md5", "a304afb96060aad90176268345e10355"},
                                        {"dvc", "md5", "0123456789abcdef0123456789abcdef.dir"}}));
}

TEST(Fingerprint, MalformedDvcIsNothing) {
    EXPECT_TRUE(fingerprints("x.dvc", "outs: [unclosed\n").empty());
    EXPECT_TRUE(fingerprints("x.dvc", "outs: 3\n").empty());
    EXPECT_TRUE(fingerprints("x.dvc", "").empty());
    EXPECT_TRUE(fingerprints("x.dvc", "outs: [3, {md5: [a]}, {md5: {b: c}}]\n").empty());
}

TEST(Fingerprint, MalformedMlmodelIsNothing) {
    EXPECT_TRUE(fingerprints("MLmodel", "run_id: [unclosed\n").empty());
    EXPECT_TRUE(fingerprints("MLmodel", "- run_id\n").empty());
    EXPECT_TRUE(fingerprints("MLmodel", "run_id: {a: 1}\nmodel_uuid: [2]\n").empty());
}

TEST(Fingerprint, MlflowModel) {
    std::string mlmodel = "artifact_path: model\nflavors:\n  python_function: {}\nmodel_uuid: "
                          "7f1e\nrun_id: 9a8b\nmodel_id: m-42\n";
    EXPECT_EQ(fingerprints("mlruns/0/MLmodel", mlmodel),
              (std::vector<Fingerprint>{{"mlflow", "run_id", "9a8b"},
                                        {"mlflow", "model_uuid", "7f1e"},
                                        {"mlflow", "model_id", "m-42"}}));
}

TEST(Fingerprint, YamlElsewhereIsNotRead) {
    EXPECT_TRUE(fingerprints("config.yaml", "run_id: 1\nouts:\n- md5: x\n").empty());
}

} // namespace

} // namespace t_unit_artifact_fingerprint_test
