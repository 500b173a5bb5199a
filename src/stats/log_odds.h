// Which words set unhappy feedback apart from happy feedback: the log-odds ratio with an informative
// Dirichlet prior of Monroe, Colaresi & Quinn (2008), "Fightin' Words". The prior shrinks rare words
// towards no difference, so a word said twice does not outrank one said two hundred times, and z
// weighs each difference by its uncertainty. Pure function; thread-safe.
//
// With y_aw, y_bw the counts of word w in corpus a (unhappy) and b (happy), n_a, n_b the corpora's
// token totals and s the prior scale, the prior is the pooled corpus:
//   α_w   = s · (y_aw + y_bw) / (n_a + n_b),   α_0 = Σ_w α_w   (= s when the counts cover every word)
//   δ_w   = log((y_aw + α_w) / (n_a + α_0 − y_aw − α_w)) − log((y_bw + α_w) / (n_b + α_0 − y_bw − α_w))
//   σ²_w ≈ 1 / (y_aw + α_w) + 1 / (y_bw + α_w)
//   z_w   = δ_w / σ_w
// Positive z: over-represented in a; |z| > 1.96 is conventionally notable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ks::stats {

struct TermCounts {
  std::string term;
  std::int64_t in_a = 0;  // unhappy
  std::int64_t in_b = 0;  // happy
};

struct TermScore {
  std::string term;
  double delta = 0;
  double z = 0;
  std::int64_t in_a = 0, in_b = 0;
};

// Every term scored, sorted by z descending (over-represented in a first; ties by term). n_a and n_b
// are the corpora's total token counts; each term must occur at least once (in_a + in_b > 0).
std::vector<TermScore> LogOddsWithPrior(const std::vector<TermCounts>& counts, std::int64_t n_a, std::int64_t n_b,
                                        double prior_scale = 500);

}  // namespace ks::stats
