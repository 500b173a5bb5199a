# Converts the sentiment lexicons of the pinned npm packages (see THIRD_PARTY_NOTICES.md) into one
# compact text file that the build embeds: one entry a line, "language<TAB>term<TAB>valence", with the
# valence on VADER's scale (-4..+4). Pattern's Dutch polarities (-1..+1) are multiplied by 4; entries
# that Pattern marks as (almost) neutral are left out. For English, VADER's human-rated lexicon is the
# main one; Pattern adds the words VADER lacks at half weight (x2), which measured better on review
# data than full weight or none. Terms are lowercased here; the scorer folds diacritics itself when it loads the file.
# Usage: sentiment_lexicon.py OUT PATTERN_NL_JSON PATTERN_EN_JSON VADER_LEXICON_TXT
import json
import sys


def pattern(path, factor):
    entries = {}
    with open(path, encoding="utf-8") as f:
        for term, info in json.load(f).items():
            polarity = float(info.get("polarity", "0") or 0)
            if abs(polarity) >= 0.05:
                entries[term.lower()] = polarity * factor
    return entries


def vader(path):
    entries = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2 and fields[0].strip():
                entries[fields[0].strip().lower()] = float(fields[1])
    return entries


def main():
    out, nl_path, en_path, vader_path = sys.argv[1:5]
    nl = pattern(nl_path, 4)
    en = pattern(en_path, 2)
    en.update(vader(vader_path))
    with open(out, "w", encoding="utf-8") as f:
        for language, entries in (("nl", nl), ("en", en)):
            for term in sorted(entries):
                if "\t" in term or "\n" in term:
                    continue
                f.write(f"{language}\t{term}\t{entries[term]:.3g}\n")


if __name__ == "__main__":
    main()
