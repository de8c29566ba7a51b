#pragma once
// Evidence a record links to ([[links]]): the kinds people use, what they are called, and
// which link of a kind with a shape of its own (an MLflow run) is malformed.

#include "decision/record/record.hpp"
#include "decision/util/diagnostic.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace decision::record {

// Every `kind` a link may have, in the order the JSON Schema lists them.
const std::vector<std::string>& link_kinds();

// The kind as people call it: "MLflow run", "Model card", "DVC experiment"; an unknown
// kind as it is written, no kind as "Other".
std::string link_kind_label(std::string_view kind);

// Whether `url` names an MLflow run: `runs:/<run id>[/artifact path]`, or an http(s)
// tracking-server URL whose path or fragment holds `/runs/<run id>` (the MLflow UI's
// `#/experiments/1/runs/<id>`, Databricks' `/ml/experiments/1/runs/<id>`). A run id is
// what MLflow accepts: a letter or digit, then up to 255 letters, digits, '_' or '-'.
bool is_mlflow_run(std::string_view url);

// Warnings about `r`'s links, at each url's file:line:col: an `mlflow-run` link that names
// no run (rule "mlflow-run").
std::vector<util::Diagnostic> check_links(const Record& r);

} // namespace decision::record
