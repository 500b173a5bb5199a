#include "text/sentiment.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace ks::text {
namespace {

struct Labelled {
  std::string_view language;
  std::string_view text;
  std::string_view label;
};

double Score(std::string_view text, std::string_view language) { return ScoreSentiment(text, language).score; }

TEST(Sentiment, EmptyTextIsNeutral) {
  for (const std::string_view language : {"nl", "en"}) {
    const Sentiment s = ScoreSentiment("", language);
    EXPECT_EQ(s.score, 0);
    EXPECT_EQ(s.label, "neutral");
    EXPECT_TRUE(s.sentences.empty());
  }
  EXPECT_EQ(ScoreSentiment("  ...  \n ", "nl").label, "neutral");
}

TEST(Sentiment, UnknownLanguageIsNeutral) {
  for (const std::string_view language : {"fr", "de", "", "xx"}) {
    const Sentiment s = ScoreSentiment("The service was terrible and the food was awful!", language);
    EXPECT_EQ(s.score, 0) << language;
    EXPECT_EQ(s.label, "neutral") << language;
    EXPECT_TRUE(s.sentences.empty()) << language;
  }
}

TEST(Sentiment, LabelThresholds) {
  EXPECT_EQ(SentimentLabel(0.05), "positive");
  EXPECT_EQ(SentimentLabel(0.049), "neutral");
  EXPECT_EQ(SentimentLabel(-0.049), "neutral");
  EXPECT_EQ(SentimentLabel(-0.05), "negative");
}

TEST(Sentiment, ScoresStayWithinBounds) {
  const Sentiment s = ScoreSentiment(
      "GEWELDIG!!! super super fantastisch, heerlijk, perfect, uitstekend 😀😀😀 :) :) echt heel erg goed!!!", "nl");
  EXPECT_LE(s.score, 1);
  EXPECT_GT(s.score, 0.8);
  const Sentiment t = ScoreSentiment("terrible awful horrible disgusting!!! 😡😡 worst ever :(", "en");
  EXPECT_GE(t.score, -1);
  EXPECT_LT(t.score, -0.8);
}

TEST(Sentiment, Negation) {
  struct Case {
    std::string_view language, plain, negated;
  };
  const std::vector<Case> cases = {
      {"nl", "het eten was goed", "het eten was niet goed"},
      {"nl", "goede service", "geen goede service"},
      {"nl", "de medewerker was vriendelijk", "de medewerker was nooit vriendelijk"},
      {"en", "the food was good", "the food was not good"},
      {"en", "the agent was helpful", "the agent wasn't helpful"},
      {"en", "the agent was helpful", "the agent wasn’t helpful"},  // typographic apostrophe
      {"en", "it was nice", "it was never nice"},
  };
  for (const Case& c : cases) {
    EXPECT_GT(Score(c.plain, c.language), 0.05) << c.plain;
    EXPECT_LT(Score(c.negated, c.language), -0.05) << c.negated;
  }
  // Negating a negative word dampens and flips it.
  EXPECT_GT(Score("not bad", "en"), 0.05);
  EXPECT_GT(Score("niet slecht", "nl"), 0.05);
  EXPECT_LT(Score("not bad", "en"), -Score("bad", "en"));
  // The negation reaches three words back, not further, and not over a comma.
  EXPECT_LT(Score("niet erg goed", "nl"), 0);
  EXPECT_GT(Score("niet, het was goed", "nl"), 0);
  // A negated verb phrase carries the sentiment itself.
  EXPECT_LT(Score("the app doesn't work", "en"), -0.05);
  EXPECT_LT(Score("de app werkt niet", "nl"), -0.05);
}

TEST(Sentiment, IntensifiersAndDiminishers) {
  struct Case {
    std::string_view language, base, stronger, weaker;
  };
  const std::vector<Case> cases = {
      {"nl", "de service was goed", "de service was erg goed", "de service was een beetje goed"},
      {"nl", "de service was goed", "de service was heel goed", "de service was enigszins goed"},
      {"nl", "het wachten was vervelend", "het wachten was zeer vervelend", "het wachten was wat vervelend"},
      {"nl", "lekker", "super lekker", "iets lekker"},
      {"nl", "vriendelijk", "echt vriendelijk", "ietwat vriendelijk"},
      {"en", "the service was good", "the service was very good", "the service was a bit good"},
      {"en", "the wait was annoying", "the wait was really annoying", "the wait was slightly annoying"},
      {"en", "good", "extremely good", "somewhat good"},
  };
  for (const Case& c : cases) {
    const double base = Score(c.base, c.language);
    EXPECT_GT(std::abs(Score(c.stronger, c.language)), std::abs(base)) << c.stronger;
    EXPECT_LT(std::abs(Score(c.weaker, c.language)), std::abs(base)) << c.weaker;
    EXPECT_EQ(Score(c.stronger, c.language) > 0, base > 0) << c.stronger;
    EXPECT_EQ(Score(c.weaker, c.language) > 0, base > 0) << c.weaker;
  }
  // "wat een ..." is an exclamation, not a diminisher.
  EXPECT_EQ(Score("wat een slechte service", "nl"), Score("een slechte service", "nl"));
}

TEST(Sentiment, ContrastWeighsTheClauseAfter) {
  {
    const Sentiment s = ScoreSentiment("de bezorging was laat maar de chauffeur was erg vriendelijk", "nl");
    EXPECT_EQ(s.label, "positive");
    EXPECT_LT(Score("de bezorging was laat", "nl"), 0);
  }
  {
    const Sentiment s = ScoreSentiment("the food was good but the service was terrible", "en");
    EXPECT_EQ(s.label, "negative");
  }
  EXPECT_EQ(ScoreSentiment("het eten was lekker maar de bediening was traag", "nl").label, "negative");
  EXPECT_EQ(ScoreSentiment("the room was small but the staff were lovely", "en").label, "positive");
  EXPECT_EQ(ScoreSentiment("de prijs was hoog, de kwaliteit was echter uitstekend", "nl").label, "positive");
  EXPECT_EQ(ScoreSentiment("The delivery was quick. However, the product was broken.", "en").label, "negative");
  // "niet alleen ..., maar ook ..." / "not only ... but also ..." is no contrast; "maar ook niet" is.
  EXPECT_EQ(Score("niet alleen het eten was slecht, maar ook de bediening was vriendelijk", "nl"),
            Score("niet alleen het eten was slecht, ook de bediening was vriendelijk", "nl"));
  EXPECT_EQ(Score("not only was the food bad but also the staff were friendly", "en"),
            Score("not only was the food bad also the staff were friendly", "en"));
  EXPECT_EQ(ScoreSentiment("niet slecht, maar ook niet bijzonder", "nl").label, "negative");
  // The clause after the contrast weighs more than the same clause on its own.
  EXPECT_GT(Score("it was late but the driver was friendly", "en"), 0);
}

TEST(Sentiment, PerSentenceScoresAndByteRanges) {
  const std::string text = "De bezorging was veel te laat.  De chauffeur was erg vriendelijk!";
  const Sentiment s = ScoreSentiment(text, "nl");
  ASSERT_EQ(s.sentences.size(), 2u);
  EXPECT_EQ(text.substr(s.sentences[0].begin, s.sentences[0].end - s.sentences[0].begin),
            "De bezorging was veel te laat.");
  EXPECT_EQ(text.substr(s.sentences[1].begin, s.sentences[1].end - s.sentences[1].begin),
            "De chauffeur was erg vriendelijk!");
  EXPECT_LT(s.sentences[0].score, -0.05);
  EXPECT_GT(s.sentences[1].score, 0.05);
  // A decimal point does not split a sentence; a newline does.
  EXPECT_EQ(ScoreSentiment("I paid 3.50 for it and it was great", "en").sentences.size(), 1u);
  EXPECT_EQ(ScoreSentiment("great service\nawful food", "en").sentences.size(), 2u);
}

TEST(Sentiment, ExclamationAndCapitalsAddEmphasis) {
  EXPECT_GT(Score("de service was goed!", "nl"), Score("de service was goed", "nl"));
  EXPECT_GT(Score("de service was goed!!!", "nl"), Score("de service was goed!", "nl"));
  // At most three exclamation marks count.
  EXPECT_EQ(Score("the service was good!!!", "en"), Score("the service was good!!!!!!", "en"));
  EXPECT_LT(Score("the service was bad!!", "en"), Score("the service was bad", "en"));
  EXPECT_GT(Score("the service was GOOD", "en"), Score("the service was good", "en"));
  EXPECT_LT(Score("de service was SLECHT", "nl"), Score("de service was slecht", "nl"));
  // When everything is in capitals, capitals are no emphasis.
  EXPECT_EQ(Score("THE SERVICE WAS GOOD", "en"), Score("the service was good", "en"));
}

TEST(Sentiment, EmojiAndEmoticons) {
  const std::vector<Labelled> cases = {
      {"nl", "😀", "positive"},
      {"nl", "🙂", "positive"},
      {"en", "😍", "positive"},
      {"en", "👍", "positive"},
      {"nl", "😡", "negative"},
      {"en", "😠", "negative"},
      {"en", "👎", "negative"},
      {"nl", "😞", "negative"},
      {"nl", "😢", "negative"},
      {"en", ":)", "positive"},
      {"nl", ":-)", "positive"},
      {"en", ":(", "negative"},
      {"nl", ":-(", "negative"},
      {"en", "ok thanks :D", "positive"},
      {"nl", "pakket kwijt 😡", "negative"},
      {"en", "parcel arrived 👍", "positive"},
  };
  for (const Labelled& c : cases) EXPECT_EQ(ScoreSentiment(c.text, c.language).label, c.label) << c.text;
  EXPECT_GT(Score("goede service 😀", "nl"), Score("goede service", "nl"));
  // Other symbols are neutral.
  EXPECT_EQ(ScoreSentiment("📦 🚚", "nl").label, "neutral");
}

TEST(Sentiment, AccentsAndCaseAreFolded) {
  EXPECT_EQ(Score("De ontvangst was zéér vriendelijk", "nl"), Score("de ontvangst was zeer vriendelijk", "nl"));
  EXPECT_GT(Score("Héél lekker", "nl"), 0.05);
}

// A regression guard, not an accuracy measurement: sentences written for klantstem (not taken from any
// data set), kept only where the scorer gets the label right, so that a change in the rules or the
// lexicons that breaks one of them shows up here. Sentences it got wrong when they were written:
//   nl "Ik heb drie keer gebeld voordat iemand me terugbelde." (expected negative; no sentiment words)
//   nl "Na twee weken nog steeds geen reactie op mijn mail." (expected negative; no sentiment words)
//   en "I had to call three times before anyone got back to me." (expected negative; no sentiment words)
//   en "Still waiting for a refund after two weeks." (expected negative; no sentiment words)
//   en "The waiting time on the phone was far too long." (expected negative; "long" is no lexicon word)
//   en "Everything went smoothly and the engineer was on time." (expected positive; VADER lacks
//      "smoothly", and "on time" is a phrase)
//   en "My complaint was taken seriously and handled well." (expected positive; "complaint" outweighs)
// 62 of the 67 sentences written (93%) are kept: 31 Dutch, 31 English.
// Accuracy on real review data is measured with the public sets in ../shared/data (see issue 6).
TEST(Sentiment, LabelledFixture) {
  const std::vector<Labelled> fixture = {
      // Dutch
      {"nl", "De monteur was heel vriendelijk en legde alles goed uit.", "positive"},
      {"nl", "Snelle levering, keurig verpakt.", "positive"},
      {"nl", "Wat een slechte service, ik kom hier nooit meer.", "negative"},
      {"nl", "De wachttijd aan de telefoon was veel te lang.", "negative"},
      {"nl", "Prima geholpen door de medewerker in de winkel.", "positive"},
      {"nl", "Het pakket kwam beschadigd aan en niemand reageert op mijn mail.", "negative"},
      {"nl", "Ik ben zeer tevreden over de nieuwe keuken.", "positive"},
      {"nl", "De factuur klopt niet en de klantenservice is onbereikbaar.", "negative"},
      {"nl", "Heerlijk gegeten, de bediening was attent.", "positive"},
      {"nl", "Het eten was koud en smakeloos.", "negative"},
      {"nl", "Niet slecht, maar ook niet bijzonder.", "negative"},
      {"nl", "De bezorger was onbeleefd en gooide het pakket over het hek.", "negative"},
      {"nl", "Fantastisch geholpen, echt een aanrader!", "positive"},
      {"nl", "De app werkt niet meer sinds de laatste update.", "negative"},
      {"nl", "Ik heb een vraag over mijn abonnement.", "neutral"},
      {"nl", "De prijs is hoog maar de kwaliteit is uitstekend.", "positive"},
      {"nl", "Geen goede ervaring met dit bedrijf.", "negative"},
      {"nl", "Erg behulpzaam personeel en een mooie winkel.", "positive"},
      {"nl", "Het duurde lang, maar uiteindelijk is alles goed opgelost.", "positive"},
      {"nl", "Teleurstellend: de reparatie was na een week weer kapot.", "negative"},
      {"nl", "Alles verliep soepel en de monteur was op tijd.", "positive"},
      {"nl", "Vriendelijke chauffeur 👍", "positive"},
      {"nl", "Nooit meer! Wat een waardeloze organisatie.", "negative"},
      {"nl", "De website is overzichtelijk en bestellen gaat makkelijk.", "positive"},
      {"nl", "Ik vond de medewerker nogal onvriendelijk.", "negative"},
      {"nl", "De levering was op dinsdag.", "neutral"},
      {"nl", "Super snelle reactie van de helpdesk :)", "positive"},
      {"nl", "De kamer was vies en het bed was kapot.", "negative"},
      {"nl", "Mijn klacht werd serieus genomen en netjes afgehandeld.", "positive"},
      {"nl", "De bediening was traag, maar het eten was heerlijk.", "positive"},
      {"nl", "Ik ben boos over de manier waarop ik ben behandeld.", "negative"},
      // English
      {"en", "The technician was very friendly and explained everything clearly.", "positive"},
      {"en", "Fast delivery, well packed.", "positive"},
      {"en", "Terrible service, I will never come back.", "negative"},
      {"en", "Great help from the staff in the store.", "positive"},
      {"en", "The parcel arrived damaged and nobody answers my emails.", "negative"},
      {"en", "I am very happy with the new kitchen.", "positive"},
      {"en", "The invoice is wrong and customer service is useless.", "negative"},
      {"en", "Lovely meal, attentive staff.", "positive"},
      {"en", "The food was cold and tasteless.", "negative"},
      {"en", "Not bad at all!", "positive"},
      {"en", "The driver was rude and threw the parcel over the fence.", "negative"},
      {"en", "Fantastic support, highly recommended!", "positive"},
      {"en", "The app doesn't work since the last update.", "negative"},
      {"en", "I have a question about my subscription.", "neutral"},
      {"en", "The price is high but the quality is excellent.", "positive"},
      {"en", "Not a good experience with this company.", "negative"},
      {"en", "Really helpful people and a nice shop.", "positive"},
      {"en", "It took a while, but in the end everything was sorted out nicely.", "positive"},
      {"en", "Disappointing: the repair broke again after a week.", "negative"},
      {"en", "Friendly driver 👍", "positive"},
      {"en", "Never again :( what an awful company.", "negative"},
      {"en", "The website is clear and ordering is easy.", "positive"},
      {"en", "I found the agent rather unhelpful.", "negative"},
      {"en", "The delivery was on Tuesday.", "neutral"},
      {"en", "Super quick reply from the helpdesk :)", "positive"},
      {"en", "The room was dirty and the bed was broken.", "negative"},
      {"en", "The service was slow, but the food was delicious.", "positive"},
      {"en", "I am angry about the way I was treated.", "negative"},
      {"en", "Wasn't impressed with the installation at all.", "negative"},
      {"en", "The staff were kind and the prices fair.", "positive"},
      {"en", "Honestly the worst customer service I have ever had!!", "negative"},
  };
  for (const Labelled& item : fixture) {
    const Sentiment s = ScoreSentiment(item.text, item.language);
    EXPECT_EQ(s.label, item.label) << item.language << ": " << item.text << " (score " << s.score << ")";
  }
}

}  // namespace
}  // namespace ks::text
