#include "decision/util/digest.hpp"

#include "decision/util/fs.hpp"

#include <array>
#include <nettle/hmac.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>
#include <sys/random.h>

namespace decision::util {

namespace {

std::string to_hex(const std::uint8_t* bytes, std::size_t n) {
    static const char* k_digits = "0123456789abcdef";
    std::string out(2 * n, '0');
    for (std::size_t i = 0; i < n; ++i) {
        out[2 * i] = k_digits[bytes[i] >> 4];
        out[2 * i + 1] = k_digits[bytes[i] & 0xF];
    }
    return out;
}

const std::uint8_t* bytes(std::string_view s) {
    return reinterpret_cast<const std::uint8_t*>(s.data());
}

constexpr std::size_t k_secret_bytes = 32;

} // namespace

std::string sha1_hex(std::string_view data) {
    sha1_ctx ctx;
    sha1_init(&ctx);
    sha1_update(&ctx, data.size(), bytes(data));
    std::array<std::uint8_t, SHA1_DIGEST_SIZE> out{};
    sha1_digest(&ctx, out.size(), out.data());
    return to_hex(out.data(), out.size());
}

std::string sha256_hex(std::string_view data) {
    sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, data.size(), bytes(data));
    std::array<std::uint8_t, SHA256_DIGEST_SIZE> out{};
    sha256_digest(&ctx, out.size(), out.data());
    return to_hex(out.data(), out.size());
}

std::string git_blob_id(std::string_view content) {
    std::string header = "blob " + std::to_string(content.size());
    sha1_ctx ctx;
    sha1_init(&ctx);
    sha1_update(&ctx, header.size() + 1, bytes(header)); // with its terminating NUL
    sha1_update(&ctx, content.size(), bytes(content));
    std::array<std::uint8_t, SHA1_DIGEST_SIZE> out{};
    sha1_digest(&ctx, out.size(), out.data());
    return to_hex(out.data(), out.size());
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
    hmac_sha256_ctx ctx;
    hmac_sha256_set_key(&ctx, key.size(), bytes(key));
    hmac_sha256_update(&ctx, data.size(), bytes(data));
    std::array<std::uint8_t, SHA256_DIGEST_SIZE> out{};
    hmac_sha256_digest(&ctx, out.size(), out.data());
    return to_hex(out.data(), out.size());
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

Result<std::string> local_secret(const std::filesystem::path& file) {
    if (auto existing = read_file(file, 4 * k_secret_bytes);
        existing && existing->size() == 2 * k_secret_bytes)
        return std::move(*existing);
    std::array<std::uint8_t, k_secret_bytes> raw{};
    for (std::size_t done = 0; done < raw.size();) {
        ssize_t n = ::getrandom(raw.data() + done, raw.size() - done, 0);
        if (n < 0)
            return fail(ErrorKind::Git, "cannot read random bytes for '" + file.string() + "'");
        done += static_cast<std::size_t>(n);
    }
    std::string secret = to_hex(raw.data(), raw.size());
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    // CreateNew: when another process made the file first, its secret is the one to use.
    auto written = write_file_atomic(file, secret, WriteMode::CreateNew);
    if (!written && written.error().kind != ErrorKind::Check)
        return tl::unexpected(written.error());
    if (written) {
        std::filesystem::permissions(
            file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
        return secret;
    }
    auto theirs = read_file(file, 4 * k_secret_bytes);
    if (theirs && theirs->size() == 2 * k_secret_bytes)
        return std::move(*theirs);
    // A damaged secret is replaced: what it sealed only stops verifying.
    TRY(write_file_atomic(file, secret, WriteMode::Replace));
    return secret;
}

} // namespace decision::util
