// A file compiled into the binary (migrations, the OpenAPI document); see cmake/embed_files.cmake.
#pragma once

namespace ks {

struct EmbeddedFile {
  const char* name;  // file name without folders
  const char* content;
};

}  // namespace ks
