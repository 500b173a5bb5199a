#include "demo/demo_texts.h"

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

namespace ks::demo {
namespace {

using Strings = std::vector<std::string_view>;
// Three lists, indexed by Mood: unhappy, neutral, happy.
using ByMood = std::array<Strings, 3>;

// Slots a fragment may contain (filled by Fill):
//   {product} one product for the whole text    {very} an intensifier or nothing ("erg ", "super", "")
//   {days} 4..14   {fewdays} "twee dagen"        {weeks} 2..8   {minutes}   {amount} "€ 24,95"
//   {order} an order number   {name} an employee's first name (one per text)   {brand}   {city}
//   {customer} the customer's name   {competitor}   {subject} what the main topic is about
struct TopicTexts {
  Topic topic;
  std::string_view subject_nl, subject_en;
  ByMood nl, en;
};

const std::vector<TopicTexts>& TopicTable() {
  static const std::vector<TopicTexts> kTable = {
      {Topic::kDelivery,
       "de bezorging van mijn {product}",
       "the delivery of my {product}",
       {{
           {
               "Mijn {product} zou binnen twee dagen geleverd worden, maar na {days} dagen heb ik nog steeds niets.",
               "De bezorger heeft niet eens aangebeld en meteen een 'niet thuis'-kaartje achtergelaten.",
               "Het pakket stond zomaar in de regen bij de voordeur.",
               "De {product} kwam beschadigd aan en de bezorger wilde niet wachten tot ik alles had gecontroleerd.",
               "Ik had een hele dag vrij genomen voor de levering en er kwam niemand.",
               "Het tijdvak klopte totaal niet: ze kwamen vier uur later dan afgesproken.",
               "De track-and-trace gaf al {days} dagen dezelfde status en niemand wist waar mijn bestelling was.",
               "De levering is zonder enig bericht drie keer verschoven.",
               "De bezorgers hebben een flinke kras in onze vloer gemaakt en deden daar heel laconiek over.",
               "Mijn pakket is afgegeven bij een buurman die ik niet eens ken.",
           },
           {
               "De levering was op zich in orde, al duurde het wat langer dan beloofd.",
               "Mijn {product} kwam een dag later dan gepland, maar wel heel.",
               "De bezorger was vriendelijk, alleen jammer dat ik geen bericht kreeg toen hij onderweg was.",
               "Bezorging prima, maar een tijdvak van vier uur is wel erg ruim.",
               "Het pakket kwam netjes aan, alleen de doos was flink gedeukt.",
               "Redelijk op tijd geleverd; het aansluiten moest ik wel zelf doen.",
               "De bezorging ging goed, al had ik graag zelf een tijdstip gekozen.",
           },
           {
               "Mijn {product} werd de volgende ochtend al bezorgd, {very}snel!",
               "De bezorgers waren {very}vriendelijk en hebben de {product} meteen op de goede plek gezet.",
               "Keurig binnen het tijdvak geleverd, en ik kreeg een half uur van tevoren een berichtje.",
               "De bezorgers namen de oude {product} gratis mee, dat scheelde mij een hoop gedoe.",
               "De bezorging was {very}netjes: schoenen uit, alles aangesloten en het karton meegenomen.",
               "Binnen {fewdays} in huis, precies zoals beloofd.",
               "Fijn dat je zelf een bezorgmoment kunt kiezen, en ze waren er ook echt op tijd.",
           },
       }},
       {{
           {
               "My {product} was supposed to arrive within two days, but after {days} days I still have nothing.",
               "The driver didn't even ring the bell and just left a 'sorry we missed you' card.",
               "The parcel was left outside in the rain by my front door.",
               "The {product} arrived damaged and the driver wouldn't wait while I checked it.",
               "I took a whole day off for the delivery and nobody showed up.",
               "The delivery slot was completely wrong: they turned up four hours late.",
               "Tracking showed the same status for {days} days and nobody could tell me where my order was.",
               "The delivery was rescheduled three times without any notice.",
               "The delivery men left a big scratch on our floor and couldn't have cared less.",
               "My parcel was left with a neighbour I don't even know.",
           },
           {
               "The delivery was fine in itself, although it took a bit longer than promised.",
               "My {product} arrived a day later than planned, but in one piece.",
               "The driver was friendly, I just wish I'd had a message when he was on his way.",
               "Delivery was OK, but a four-hour time slot is very wide.",
               "The parcel arrived safely, only the box was badly dented.",
               "Delivered more or less on time; I had to connect it myself though.",
               "Delivery went fine, although I'd have liked to choose the time myself.",
           },
           {
               "My {product} was delivered the next morning, {very}quick!",
               "The delivery men were {very}friendly and put the {product} exactly where I wanted it.",
               "Delivered right within the time slot, and I got a text half an hour beforehand.",
               "They took the old {product} away for free, which saved me a lot of hassle.",
               "The delivery was {very}neat: shoes off, everything connected and the cardboard taken away.",
               "At my door within {fewdays}, exactly as promised.",
               "Great that you can pick your own delivery slot, and they actually arrived on time.",
           },
       }}},
      {Topic::kWaiting,
       "de wachttijden bij uw klantenservice",
       "the waiting times at your customer service",
       {{
           {
               "Ik heb {minutes} minuten in de wacht gestaan voordat ik iemand aan de lijn kreeg.",
               "Er was één kassa open en de rij stond tot achter in de winkel.",
               "Op mijn e-mail kreeg ik pas na {days} dagen een standaardantwoord.",
               "Ik stond een kwartier bij de servicebalie en niemand keek me zelfs maar aan.",
               "Er is me twee keer beloofd dat ik teruggebeld zou worden, maar ik hoor gewoon niets.",
               "Na {minutes} minuten wachten werd de verbinding verbroken en kon ik opnieuw beginnen.",
               "Voor een simpele vraag moest ik drie keer terugkomen.",
               "Er liep maar één medewerker rond in de hele winkel, dus je staat eindeloos te wachten.",
           },
           {
               "Ik moest even wachten, maar daarna werd ik goed geholpen.",
               "De wachttijd aan de telefoon was zo'n {minutes} minuten; niet geweldig, wel te doen.",
               "Het was druk in de winkel, dus het duurde wat langer dan normaal.",
               "Het antwoord op mijn vraag kwam na een paar dagen, niet snel maar wel volledig.",
               "Het wachten viel mee, al had er best een extra kassa open mogen gaan.",
               "Ik moest een nummertje trekken en even geduld hebben, maar het liep redelijk door.",
           },
           {
               "Ik werd meteen geholpen, zonder wachten.",
               "Binnen een paar minuten had ik iemand aan de lijn die me echt verder kon helpen.",
               "Mijn e-mail werd dezelfde dag nog beantwoord, {very}netjes.",
               "Ondanks de drukte ging er direct een extra kassa open.",
               "Ze belden me binnen een uur terug, precies zoals beloofd.",
               "Geen rij, geen gedoe: binnen vijf minuten stond ik weer buiten met mijn {product}.",
           },
       }},
       {{
           {
               "I was on hold for {minutes} minutes before anyone picked up.",
               "Only one till was open and the queue went all the way to the back of the shop.",
               "It took {days} days to get a standard reply to my email.",
               "I stood at the service desk for fifteen minutes and nobody even looked at me.",
               "I was promised a call back twice, and I've heard nothing.",
               "After {minutes} minutes on hold the line went dead and I had to start all over again.",
               "I had to come back three times for a simple question.",
               "There was only one member of staff in the whole shop, so you wait forever.",
           },
           {
               "I had to wait a while, but after that I was helped properly.",
               "The wait on the phone was about {minutes} minutes; not great, but bearable.",
               "It was busy in the shop, so it took a bit longer than usual.",
               "The answer to my question came after a few days, not fast but complete.",
               "The wait wasn't too bad, although they could have opened another till.",
               "I had to take a ticket and be patient, but the queue moved reasonably well.",
           },
           {
               "I was helped straight away, no waiting at all.",
               "Within a couple of minutes I had someone on the line who could actually help.",
               "My email was answered the same day, {very}efficient.",
               "Even though it was busy, they opened an extra till right away.",
               "They called me back within the hour, just as promised.",
               "No queue, no fuss: I was out again within five minutes with my {product}.",
           },
       }}},
      {Topic::kStaff,
       "de manier waarop uw personeel met klanten omgaat",
       "the way your staff treat customers",
       {{
           {
               "De medewerker was {very}onvriendelijk en liet duidelijk merken dat ik stoorde.",
               "Ik werd afgesnauwd toen ik vroeg of iemand me kon helpen.",
               "Het personeel stond liever met elkaar te kletsen dan klanten te helpen.",
               "Niemand nam de moeite om even te groeten, laat staan om te helpen.",
               "De medewerker aan de telefoon hing gewoon op toen ik doorvroeg.",
               "Ik voelde me totaal niet serieus genomen.",
               "Toen ik mijn klacht uitlegde, begon de medewerker te lachen.",
               "Bij de kassa werd ik behandeld alsof ik iets had gestolen.",
           },
           {
               "Het personeel was beleefd, maar niet echt betrokken.",
               "De medewerker was vriendelijk, al wist hij het antwoord niet meteen.",
               "Aardig geholpen, maar het voelde wat afgeraffeld.",
               "Vriendelijk personeel, alleen was er op de winkelvloer weinig van te zien.",
               "Correct geholpen, niet meer en niet minder.",
               "De medewerker deed wat hij moest doen, maar een glimlach kon er niet af.",
           },
           {
               "{name} heeft me {very}vriendelijk en geduldig geholpen.",
               "Wat een {very}aardige medewerkers, je voelt je echt welkom.",
               "{name} nam alle tijd voor me en dacht echt met me mee.",
               "Het personeel was {very}behulpzaam en bleef opgewekt, ook al was het druk.",
               "De medewerker aan de telefoon was {very}vriendelijk en had het binnen vijf minuten opgelost.",
               "Ik werd met een glimlach ontvangen en heel persoonlijk geholpen.",
               "Complimenten voor {name}, echt een aanwinst voor jullie winkel.",
           },
       }},
       {{
           {
               "The member of staff was {very}rude and made it clear I was bothering him.",
               "I was snapped at when I asked if someone could help me.",
               "The staff were more interested in chatting to each other than helping customers.",
               "Nobody bothered to say hello, let alone help.",
               "The person on the phone simply hung up when I asked a follow-up question.",
               "I didn't feel taken seriously at all.",
               "When I explained my complaint, the employee started laughing.",
               "At the till I was treated as if I'd stolen something.",
           },
           {
               "The staff were polite, but not really engaged.",
               "The employee was friendly, although he didn't know the answer straight away.",
               "Helped nicely enough, but it felt a bit rushed.",
               "Friendly staff, but there weren't many of them on the shop floor.",
               "Correctly helped, nothing more, nothing less.",
               "The employee did what he had to, but a smile was too much to ask.",
           },
           {
               "{name} helped me in a {very}friendly and patient way.",
               "Such {very}kind staff, you really feel welcome.",
               "{name} took all the time I needed and really listened to what I wanted.",
               "The staff were {very}helpful and stayed cheerful even though it was busy.",
               "The person on the phone was {very}friendly and sorted it out within five minutes.",
               "I was welcomed with a smile and got truly personal service.",
               "Hats off to {name}, a real asset to your shop.",
           },
       }}},
      {Topic::kPrice,
       "de prijzen en bijkomende kosten",
       "your prices and extra charges",
       {{
           {
               "Online was de {product} {amount} goedkoper dan in de winkel, en dat wilden ze niet matchen.",
               "Voor deze prijs verwacht je echt betere service.",
               "Er werd ongevraagd {amount} aan bezorgkosten in rekening gebracht.",
               "De aanbieding bleek bij de kassa ineens niet meer te gelden.",
               "Een week na mijn aankoop was de {product} {amount} goedkoper, en ik kreeg niets terug.",
               "Veel te duur vergeleken met andere winkels.",
               "De extra garantie werd me opgedrongen, terwijl ik er niet om had gevraagd.",
           },
           {
               "De prijs is aan de hoge kant, maar je krijgt er wel service voor terug.",
               "Niet de goedkoopste, wel een eerlijke prijs.",
               "Prijs-kwaliteit is redelijk, al zag ik hem elders iets goedkoper.",
               "De bezorgkosten vind ik wat hoog, verder prima.",
               "De aanbiedingen zijn soms lastig te vinden.",
           },
           {
               "{very}scherpe prijs voor zo'n goede {product}.",
               "Ze hebben zonder gedoe de lagere prijs van een concurrent gematcht.",
               "Gratis bezorging en installatie, dat maakte het voor mij helemaal af.",
               "De prijs viel lager uit dan ik had verwacht.",
               "Met de kortingsactie heb ik {amount} bespaard.",
               "Eerlijke prijzen en geen verborgen kosten.",
           },
       }},
       {{
           {
               "Online the {product} was {amount} cheaper than in the shop, and they refused to match it.",
               "For this price you really expect better service.",
               "I was charged {amount} in delivery costs I never agreed to.",
               "The special offer suddenly didn't apply at the till.",
               "A week after I bought it the {product} was {amount} cheaper, and I got nothing back.",
               "Far too expensive compared with other shops.",
               "They pushed the extended warranty on me even though I never asked for it.",
           },
           {
               "The price is on the high side, but you do get service in return.",
               "Not the cheapest, but a fair price.",
               "Value for money is reasonable, although I saw it slightly cheaper elsewhere.",
               "I find the delivery charge a bit high, otherwise fine.",
               "The offers are sometimes hard to find.",
           },
           {
               "A {very}good price for such a great {product}.",
               "They matched a competitor's lower price without any fuss.",
               "Free delivery and installation, that sealed the deal for me.",
               "The price turned out lower than I expected.",
               "I saved {amount} with the discount offer.",
               "Fair prices and no hidden costs.",
           },
       }}},
      {Topic::kQuality,
       "de kwaliteit van mijn {product}",
       "the quality of my {product}",
       {{
           {
               "Na {weeks} weken deed de {product} het al niet meer.",
               "De {product} maakt een {very}hard lawaai, dat is toch niet normaal.",
               "Binnen een maand al twee keer kapot, dit is echt een miskoop.",
               "De {product} was duidelijk gebruikt: er zaten krassen op en de doos was al open.",
               "De kwaliteit valt flink tegen voor dit geld.",
               "Er ontbrak een onderdeel, waardoor ik de {product} niet eens kon gebruiken.",
               "Het display van de {product} viel na een paar dagen al uit.",
           },
           {
               "De {product} doet wat hij moet doen, meer ook niet.",
               "Prima kwaliteit, al voelt het plastic wat goedkoop aan.",
               "Werkt goed, maar de handleiding is erg onduidelijk.",
               "De {product} maakt iets meer lawaai dan ik had gehoopt.",
               "De kwaliteit is in orde; de afwerking had beter gekund.",
           },
           {
               "De {product} werkt perfect en is {very}stil.",
               "Topkwaliteit, ik ben er {very}blij mee.",
               "Al {weeks} weken in gebruik en nog geen enkel probleem.",
               "Degelijk product, je merkt meteen dat het goed in elkaar zit.",
               "De {product} is nog beter dan ik had verwacht.",
               "Mooi afgewerkt en makkelijk in gebruik.",
           },
       }},
       {{
           {
               "After {weeks} weeks the {product} had already stopped working.",
               "The {product} makes a {very}loud noise, that can't be normal.",
               "Broken twice within a month, this was a real waste of money.",
               "The {product} had clearly been used: scratches everywhere and the box already opened.",
               "The quality is really disappointing for this money.",
               "A part was missing, so I couldn't even use the {product}.",
               "The display of the {product} died after a few days.",
           },
           {
               "The {product} does what it's supposed to do, nothing more.",
               "Decent quality, although the plastic feels a bit cheap.",
               "Works well, but the manual is very unclear.",
               "The {product} is a bit noisier than I'd hoped.",
               "Quality is fine; the finish could have been better.",
           },
           {
               "The {product} works perfectly and is {very}quiet.",
               "Top quality, I'm {very}happy with it.",
               "I've been using it for {weeks} weeks now without a single problem.",
               "Solid product, you can tell straight away it's well built.",
               "The {product} is even better than I expected.",
               "Nicely finished and easy to use.",
           },
       }}},
      {Topic::kApp,
       "uw website en app",
       "your website and app",
       {{
           {
               "De app loopt steeds vast bij het afrekenen.",
               "Ik kon op de website nergens vinden hoe ik mijn bestelling kon wijzigen.",
               "Sinds de laatste update kan ik niet meer inloggen in de app.",
               "Op de site stond de {product} op voorraad, maar in de winkel was hij er niet.",
               "Betalen met iDEAL mislukte drie keer, maar het geld werd wel afgeschreven.",
               "De website is traag en de zoekfunctie levert alleen onzin op.",
               "Mijn winkelmandje raakte steeds leeg.",
           },
           {
               "De app werkt redelijk, maar is soms traag.",
               "De website is overzichtelijk, alleen het filteren kan beter.",
               "Bestellen ging goed, al vond ik de bevestigingsmail pas in mijn spam.",
               "Handig dat je in de app je bestelling kunt volgen, al is het niet altijd actueel.",
               "De site ziet er goed uit, maar op mijn telefoon is hij wat onhandig.",
           },
           {
               "Bestellen via de app ging {very}makkelijk.",
               "De website is overzichtelijk en ik vond meteen wat ik zocht.",
               "Handig dat je in de app precies ziet wanneer de bezorger komt.",
               "Binnen twee minuten besteld en betaald, zo hoort het.",
               "De vergelijkingsfunctie op de website hielp me echt met kiezen.",
               "Fijne app, alles werkt gewoon.",
           },
       }},
       {{
           {
               "The app keeps freezing at checkout.",
               "I couldn't find anywhere on the website how to change my order.",
               "Since the last update I can't log in to the app anymore.",
               "The website said the {product} was in stock, but the shop didn't have it.",
               "Payment failed three times, but the money was taken from my account anyway.",
               "The website is slow and the search only returns nonsense.",
               "My shopping basket kept emptying itself.",
           },
           {
               "The app works reasonably well, but it's sometimes slow.",
               "The website is clear, only the filters could be better.",
               "Ordering went fine, although the confirmation email ended up in my spam.",
               "Handy that you can track your order in the app, though it isn't always up to date.",
               "The site looks good, but it's a bit awkward on my phone.",
           },
           {
               "Ordering through the app was {very}easy.",
               "The website is clear and I found what I was looking for right away.",
               "Great that the app shows exactly when the driver will arrive.",
               "Ordered and paid within two minutes, that's how it should be.",
               "The comparison feature on the website really helped me choose.",
               "Lovely app, everything just works.",
           },
       }}},
      {Topic::kInvoice,
       "uw facturen",
       "your invoicing",
       {{
           {
               "Ik kreeg een factuur voor een {product} die ik allang heb teruggestuurd.",
               "Er is twee keer {amount} afgeschreven voor dezelfde bestelling.",
               "Ondanks mijn betaling kreeg ik een aanmaning met extra kosten.",
               "^Het btw-nummer op de factuur klopt alweer niet, dit is de derde keer.",
               "De factuur kwam pas na {weeks} weken, en toen stond er een verkeerd bedrag op.",
               "Mijn terugbetaling van {amount} laat al {weeks} weken op zich wachten.",
               "^De facturen zijn zo onduidelijk dat onze administratie er niets mee kan.",
           },
           {
               "De factuur klopte, maar het duurde even voordat ik hem kreeg.",
               "Betalen ging goed; een pdf-factuur per mail zou wel handiger zijn.",
               "De terugbetaling kwam uiteindelijk wel, maar pas na flink wat mailen.",
               "De factuur is correct, al is de specificatie wat onduidelijk.",
               "Achteraf betalen werkt prima, alleen kwam de herinnering wel erg snel.",
           },
           {
               "De terugbetaling stond binnen twee dagen op mijn rekening.",
               "Duidelijke factuur, precies zoals afgesproken.",
               "Een foutje op de factuur werd dezelfde dag nog rechtgezet.",
               "^Fijn dat de facturen voor ons bedrijf netjes per maand worden gebundeld.",
               "^Betalen op rekening gaat voor ons als bedrijf {very}soepel.",
               "Alles klopte in één keer, van offerte tot factuur.",
           },
       }},
       {{
           {
               "I received an invoice for a {product} I returned ages ago.",
               "I was charged {amount} twice for the same order.",
               "Even though I'd paid, I got a reminder with extra fees.",
               "^The VAT number on the invoice is wrong again, for the third time.",
               "The invoice only arrived after {weeks} weeks, and then the amount was wrong.",
               "My refund of {amount} has been pending for {weeks} weeks.",
               "^The invoices are so unclear that our accounts department can't process them.",
           },
           {
               "The invoice was correct, but it took a while to arrive.",
               "Payment went fine; a PDF invoice by email would be handier though.",
               "The refund did come eventually, but only after quite a few emails.",
               "The invoice is correct, although the breakdown is a bit unclear.",
               "Paying afterwards works fine, the reminder just came very quickly.",
           },
           {
               "The refund was in my account within two days.",
               "Clear invoice, exactly as agreed.",
               "A small mistake on the invoice was corrected the same day.",
               "^Great that the invoices for our company are bundled neatly every month.",
               "^Paying on account works {very}smoothly for our business.",
               "Everything was right first time, from quote to invoice.",
           },
       }}},
      {Topic::kReturns,
       "het retourneren van mijn {product}",
       "returning my {product}",
       {{
           {
               "Ik wilde de {product} retourneren, maar dat werd geweigerd omdat de doos open was.",
               "Mijn retour is al {weeks} weken onderweg en niemand weet waar hij is.",
               "Voor het terugsturen moest ik zelf {amount} verzendkosten betalen.",
               "Bij het retourneren in de winkel werd ik van het kastje naar de muur gestuurd.",
               "Ik kreeg een tegoedbon in plaats van mijn geld terug, terwijl ik daar niet om had gevraagd.",
               "De reparatie onder garantie duurt nu al {weeks} weken.",
           },
           {
               "Retourneren kon, maar het formulier was omslachtig.",
               "Ik kreeg mijn geld terug, alleen duurde het wat lang.",
               "De reparatie was goed, maar ik heb wel {weeks} weken zonder {product} gezeten.",
               "Omruilen ging redelijk, al moest ik twee keer langskomen.",
               "Het retourlabel werkte eerst niet, maar de klantenservice loste het op.",
           },
           {
               "Retourneren ging {very}makkelijk, binnen vijf minuten geregeld in de winkel.",
               "Zonder moeilijke vragen omgeruild voor een nieuwe {product}.",
               "Mijn {product} werd binnen een week onder garantie gerepareerd.",
               "Het retourlabel zat al in de doos, handiger kan niet.",
               "Ik had mijn geld al terug voordat het pakket bij jullie was, topservice.",
               "Omruilen voor een ander model was helemaal geen probleem.",
           },
       }},
       {{
           {
               "I wanted to return the {product}, but they refused because the box had been opened.",
               "My return has been in transit for {weeks} weeks and nobody knows where it is.",
               "I had to pay {amount} in postage myself to send it back.",
               "When I tried to return it in the shop I was sent from pillar to post.",
               "I got a store voucher instead of a refund, even though I never asked for one.",
               "The warranty repair has now taken {weeks} weeks.",
           },
           {
               "Returning it was possible, but the form was a hassle.",
               "I got my money back, it just took a while.",
               "The repair was good, but I was without my {product} for {weeks} weeks.",
               "Exchanging it went reasonably well, although I had to come in twice.",
               "The return label didn't work at first, but customer service sorted it.",
           },
           {
               "Returning it was {very}easy, sorted in the shop within five minutes.",
               "Exchanged for a new {product}, no questions asked.",
               "My {product} was repaired under warranty within a week.",
               "The return label was already in the box, couldn't be easier.",
               "I had my refund before the parcel even reached you, great service.",
               "Swapping it for a different model was no problem at all.",
           },
       }}},
      {Topic::kCleanliness,
       "de staat van uw winkel in {city}",
       "the state of your shop in {city}",
       {{
           {
               "De winkel stond vol lege dozen en je kon nauwelijks door de gangpaden.",
               "De toiletten waren {very}vies en er was geen zeep.",
               "De vloer was plakkerig en overal lag rommel.",
               "De demomodellen waren kapot en zaten onder het stof.",
               "Het was er een rommeltje en niets stond op zijn plek.",
           },
           {
               "De winkel was redelijk netjes, al stond er hier en daar wat rommel.",
               "Opgeruimd genoeg, maar de verlichting is wat somber.",
               "Prima winkel, alleen de parkeergarage is wat vies.",
               "Schone winkel, al waren sommige schappen half leeg.",
               "De winkel is oké, maar het kan allemaal wat frisser.",
           },
           {
               "{very}nette en overzichtelijke winkel.",
               "Alles ziet er verzorgd uit en je vindt makkelijk wat je zoekt.",
               "De winkel is net verbouwd en ziet er prachtig uit.",
               "Schoon, ruim en goed verlicht, hier winkel je graag.",
               "Alle demomodellen werkten en je mocht alles uitproberen.",
           },
       }},
       {{
           {
               "The shop was full of empty boxes and you could hardly get through the aisles.",
               "The toilets were {very}dirty and there was no soap.",
               "The floor was sticky and there was rubbish everywhere.",
               "The display models were broken and covered in dust.",
               "It was a mess and nothing was where it should be.",
           },
           {
               "The shop was fairly tidy, although there was some clutter here and there.",
               "Tidy enough, but the lighting is a bit gloomy.",
               "Fine shop, only the car park is a bit grubby.",
               "Clean shop, although some shelves were half empty.",
               "The shop is OK, but it could all be a bit fresher.",
           },
           {
               "{very}tidy and well-organised shop.",
               "Everything looks well kept and it's easy to find what you need.",
               "The shop has just been refurbished and looks great.",
               "Clean, spacious and well lit, a nice place to shop.",
               "All the display models worked and you could try everything out.",
           },
       }}},
      {Topic::kStock,
       "de beschikbaarheid van producten",
       "product availability",
       {{
           {
               "De {product} die op de website op voorraad stond, was in de winkel nergens te vinden.",
               "Mijn {product} is al {weeks} weken 'binnenkort leverbaar'.",
               "De helft van de schappen was leeg.",
               "Ik ben voor niets naar de winkel gereden, want de gereserveerde {product} lag er niet.",
               "Onderdelen moeten altijd besteld worden, en dat duurt eindeloos.",
           },
           {
               "Het model dat ik wilde was er niet, maar ze konden het wel binnen een paar dagen bestellen.",
               "Redelijk assortiment, al mis ik de duurdere merken.",
               "Mijn {product} was een week later leverbaar dan aangegeven.",
               "Niet alles was op voorraad, maar er was een goed alternatief.",
           },
           {
               "Ruim assortiment, ik kon kiezen uit wel tien modellen.",
               "De {product} die ik online had gereserveerd, lag al voor me klaar.",
               "Alles wat ik zocht was op voorraad.",
               "Ze hadden zelfs het onderdeel dat ik nodig had gewoon in het magazijn liggen.",
               "Binnen een uur na mijn reservering kon ik de {product} ophalen.",
           },
       }},
       {{
           {
               "The {product} the website said was in stock was nowhere to be found in the shop.",
               "My {product} has been 'available soon' for {weeks} weeks.",
               "Half the shelves were empty.",
               "I drove to the shop for nothing, because the {product} I'd reserved wasn't there.",
               "Spare parts always have to be ordered, and that takes forever.",
           },
           {
               "The model I wanted wasn't there, but they could order it within a few days.",
               "Reasonable range, although I miss the more expensive brands.",
               "My {product} was available a week later than stated.",
               "Not everything was in stock, but there was a good alternative.",
           },
           {
               "Wide range, I could choose from about ten models.",
               "The {product} I reserved online was ready and waiting.",
               "Everything I was looking for was in stock.",
               "They even had the spare part I needed in the stockroom.",
               "I could pick up the {product} within an hour of reserving it.",
           },
       }}},
      {Topic::kAdvice,
       "het advies in uw winkel in {city}",
       "the advice I got in your shop in {city}",
       {{
           {
               "De verkoper wist bijna niets van de {product} en las alleen de doos voor.",
               "Ik kreeg een {product} aangeraden die helemaal niet in mijn keuken past.",
               "Ik kreeg drie verschillende antwoorden van drie medewerkers.",
               "Mijn vraag over het aansluiten werd afgedaan met 'dat staat in de handleiding'.",
               "Ze probeerden me vooral de duurste {product} aan te smeren.",
               "Het advies was gewoon fout, waardoor ik nu met de verkeerde {product} zit.",
           },
           {
               "Het advies was oké, maar ik had zelf al meer opgezocht.",
               "De verkoper deed zijn best, al moest hij veel navragen.",
               "Redelijk advies, alleen werd er weinig gevraagd naar wat ik echt nodig had.",
               "Ik kreeg goed advies, maar pas nadat ik er zelf om had gevraagd.",
           },
           {
               "{name} gaf {very}goed advies en raadde zelfs een goedkopere {product} aan.",
               "Eindelijk een verkoper die echt verstand van zaken heeft.",
               "Ze namen de tijd om alle verschillen rustig uit te leggen.",
               "Dankzij het advies heb ik precies de {product} die bij ons gezin past.",
               "Heel eerlijk advies: ze zeiden dat mijn oude {product} nog gerepareerd kon worden.",
           },
       }},
       {{
           {
               "The salesman knew next to nothing about the {product} and just read out the box.",
               "I was recommended a {product} that doesn't fit in my kitchen at all.",
               "I got three different answers from three different people.",
               "My question about connecting it was brushed off with 'it's in the manual'.",
               "They mainly tried to push the most expensive {product} on me.",
               "The advice was just wrong, and now I'm stuck with the wrong {product}.",
           },
           {
               "The advice was OK, but I'd already looked up more myself.",
               "The salesman did his best, although he had to check a lot.",
               "Reasonable advice, but they didn't ask much about what I actually needed.",
               "I got good advice, but only after I asked for it myself.",
           },
           {
               "{name} gave {very}good advice and even suggested a cheaper {product}.",
               "Finally a salesperson who really knows their stuff.",
               "They took the time to calmly explain all the differences.",
               "Thanks to their advice I have exactly the {product} that suits our family.",
               "Very honest advice: they told me my old {product} could still be repaired.",
           },
       }}},
  };
  return kTable;
}

// Everything that is not about a topic, per language.
struct LanguageTexts {
  Strings products;      // index-aligned between languages
  Strings intensifiers;  // {very}
  Strings few_days;      // {fewdays}
  std::string_view customer_fallback, competitor_fallback;
  std::string_view quote_open, quote_close;
  ByMood survey_open, survey_close;
  ByMood review_head, review_close;
  Strings review_intro_own, review_intro_competitor;
  Strings complaint_open, complaint_demand;
  Strings letter_salutation;
  ByMood letter_open, letter_close;
  ByMood letter_signoff;
  ByMood social_open, social_tail;
  Strings social_handle;  // "@{brand} "
  // Where the employee heard it, by the item's channel: in the shop, on the phone, at a delivery; the named
  // variants use the customer's name.
  std::array<Strings, 3> employee_prefix, employee_prefix_named;
  ByMood employee_note;
  ByMood exit_open, exit_close;
};

const LanguageTexts& Dutch() {
  static const LanguageTexts kNl = {
      {"wasmachine", "koelkast", "vaatwasser", "laptop", "stofzuiger", "koffiemachine", "televisie", "droger",
       "magnetron", "telefoon", "waterkoker", "airfryer", "printer", "monitor", "oven", "tablet"},
      {"erg ", "heel ", "zeer ", "bijzonder ", "ontzettend ", "super", ""},
      {"een dag", "twee dagen", "drie dagen"},
      "een klant",
      "een concurrent",
      "“",
      "”",
      {{
          {"Slechte ervaring.", "Teleurgesteld.", "Niet tevreden.", "Wat een gedoe.", "Helaas.",
           "Dit was echt beneden peil."},
          {"Op zich prima.", "Gemiddeld.", "Niets bijzonders.", "Wisselend.", "Het kan beter, het kan slechter."},
          {"Prima ervaring.", "Helemaal tevreden!", "Wat een service.", "Heel tevreden.", "Top!", "Keurig geregeld."},
      }},
      {{
          {"Dit moet echt beter.", "Voor mij de laatste keer.", "Ik twijfel of ik nog bij jullie bestel.",
           "Zonde, want vroeger was het beter.", "Graag een reactie."},
          {"Met een paar kleine verbeteringen wordt het top.", "Volgende keer hopelijk beter.", "Verder geen klachten.",
           "Maar goed, het is opgelost."},
          {"Ga zo door!", "Ik kom zeker terug.", "Ik raad jullie zeker aan.", "Bedankt!", "Dikke pluim voor het team."},
      }},
      {{
          {"Nooit meer.", "Slechte service.", "Blijf hier weg.", "Teleurstellend.", "Zeer slechte ervaring."},
          {"Gemengde gevoelens.", "Redelijk.", "Kan beter.", "Gaat wel."},
          {"Aanrader!", "Topwinkel.", "Prima service.", "Heel tevreden.", "Snel en goed."},
      }},
      {{
          {"Ik bestel nooit meer bij {brand}.", "Ik kan {brand} niemand aanraden.", "Voor mij nooit meer {brand}."},
          {"Misschien geef ik ze nog een kans.", "Al met al een voldoende.", "Er valt nog wat te verbeteren."},
          {"Ik bestel hier zeker weer.", "Volgende keer weer bij {brand}!", "Echt een aanrader."},
      }},
      {"Bij {brand} in {city} een {product} gekocht.", "Mijn {product} online besteld bij {brand}.",
       "Vorige week een {product} gekocht.", "Onze {product} was kapot, dus een nieuwe gehaald in {city}."},
      {"Een {product} besteld bij {brand}.", "Via {brand} een {product} gekocht.",
       "Mijn {product} kwam deze keer van {brand}."},
      {"Ik wil een klacht indienen over {subject}.", "Hierbij mijn klacht over bestelling {order}.",
       "Ik ben {very}ontevreden over {subject}.", "Ik ben het echt zat.",
       "Dit is al de derde keer dat ik contact met jullie opneem.", "Graag breng ik het volgende onder uw aandacht.",
       "Ik heb een klacht over {subject}."},
      {"Ik wil mijn geld terug.", "Ik verwacht binnen een week een oplossing.",
       "Bel me alstublieft zo snel mogelijk terug.", "Ik wil dat de {product} wordt vervangen.",
       "Als dit niet wordt opgelost, stap ik naar de Geschillencommissie.", "Graag een excuus en een oplossing.",
       "Hoe gaan jullie dit oplossen?", "Ik hoor graag binnen vijf werkdagen van u."},
      {"Geachte heer, mevrouw,", "Geachte heer/mevrouw,", "Beste medewerkers van {brand},"},
      {{
          {"Met deze brief wil ik mijn ongenoegen uiten over {subject}.",
           "Tot mijn spijt moet ik u schrijven over {subject}.",
           "Hierbij dien ik een formele klacht in over {subject}."},
          {"Graag wil ik u laten weten hoe ik {subject} heb ervaren.",
           "Met deze brief wil ik u iets vertellen over {subject}."},
          {"Met deze brief wil ik u graag een compliment geven.",
           "Graag laat ik u weten hoe tevreden ik ben over mijn recente bezoek aan uw winkel in {city}.",
           "Het gebeurt niet vaak dat ik een bedrijf een brief schrijf, maar dit keer wilde ik het toch doen."},
      }},
      {{
          {"Ik verwacht binnen veertien dagen een schriftelijke reactie.", "Ik wil mijn geld terug.",
           "Ik reken op een passende oplossing.", "Graag hoor ik zo spoedig mogelijk van u."},
          {"Ik hoop dat u hier iets mee doet.", "Wellicht heeft u er iets aan."},
          {"Mijn complimenten aan het hele team.", "Hartelijk dank daarvoor.",
           "Ik hoop dat u dit doorgeeft aan de betrokken medewerkers."},
      }},
      {{
          {"Hoogachtend,", "Met vriendelijke groet,"},
          {"Met vriendelijke groet,"},
          {"Met vriendelijke groet,", "Hartelijke groet,"},
      }},
      {{
          {"Serieus?", "Weer hetzelfde verhaal.", "Echt niet normaal dit.", "Lekker bezig weer."},
          {"Tja.", "Gemengde gevoelens.", "Hmm."},
          {"Even een compliment!", "Dit is nou service.", "Blij verrast!"},
      }},
      {{
          {" #klantenservice", " #nooitmeer", " 😡", " #fail", " 🙄", " Wie herkent dit?"},
          {" 🤷", " #meh", ""},
          {" 👍", " #tevreden", " 🙌", " Top!", " 💪"},
      }},
      {"@{brand} "},
      {{
          {"Klant zei bij de kassa: ", "Een vaste klant vertelde me vandaag: ", "Klant bij de servicebalie: ",
           "Klant in de winkel: "},
          {"Klant aan de telefoon: ", "Klant belde en zei: ", "Een vaste klant belde vandaag: "},
          {"Gehoord bij het afleveren: ", "Klant bij de bezorging: ",
           "Klant zei toen we de {product} kwamen brengen: "},
      }},
      {{
          {"{customer} zei bij het ophalen van de {product}: ", "{customer} kwam langs in de winkel: "},
          {"{customer} belde en zei: ", "{customer} aan de telefoon: "},
          {"{customer} zei bij het afleveren van de {product}: "},
      }},
      {{
          {"Heb gezegd dat we contact opnemen.", "Doorgegeven aan de teamleider.",
           "Klant wil graag teruggebeld worden.", "Heb namens ons excuses aangeboden.", "Dit hoor ik deze week vaker."},
          {"Misschien iets voor het teamoverleg.", "Ter info.", "Klant verwacht geen reactie."},
          {"Leuk om te horen!", "Compliment doorgegeven aan het team.", "Mooi compliment voor de collega's."},
      }},
      {{
          {"Ik ben overgestapt naar {competitor}.", "Ik heb mijn lidmaatschap opgezegd.",
           "Na jaren klant te zijn geweest, ben ik vertrokken.", "De belangrijkste reden om te stoppen: {subject}.",
           "Ik ben weggegaan vanwege {subject}."},
          {"Eigenlijk was ik best tevreden, maar {competitor} is gewoon goedkoper.",
           "Het was niet slecht, maar ik merkte dat ik steeds vaker bij {competitor} bestelde.",
           "Het lag niet echt aan jullie, {competitor} is voor mij gewoon makkelijker."},
          {"We verhuizen naar het buitenland, daarom zeg ik op.", "Ik heb voorlopig geen nieuwe apparaten meer nodig.",
           "Sinds onze verhuizing zit er geen winkel meer bij ons in de buurt."},
      }},
      {{
          {"Als dit verandert, kom ik misschien terug.", "Jammer, want vroeger was het beter.",
           "Ik heb het ook tegen vrienden en familie gezegd."},
          {"Wie weet kom ik ooit terug.", "Het contact met de winkel zelf was altijd prima."},
          {"Bedankt voor de fijne jaren!", "Ik zou jullie zo weer aanraden."},
      }},
  };
  return kNl;
}

const LanguageTexts& English() {
  static const LanguageTexts kEn = {
      {"washing machine", "fridge", "dishwasher", "laptop", "vacuum cleaner", "coffee machine", "TV", "dryer",
       "microwave", "phone", "kettle", "air fryer", "printer", "monitor", "oven", "tablet"},
      {"very ", "remarkably ", "super ", "truly ", ""},
      {"a day", "two days", "three days"},
      "a customer",
      "a competitor",
      "“",
      "”",
      {{
          {"Bad experience.", "Disappointed.", "Not happy.", "What a hassle.", "Really not good enough."},
          {"Fine overall.", "Average.", "Nothing special.", "Mixed experience.", "Could be better, could be worse."},
          {"Great experience.", "Very satisfied!", "Excellent service.", "Spot on.", "Top!"},
      }},
      {{
          {"This really needs to improve.", "That was the last time for me.", "Not sure I'll order from you again.",
           "Shame, it used to be better.", "I'd like a response."},
          {"A few small improvements and it would be great.", "Hopefully better next time.", "Otherwise no complaints.",
           "Anyway, it's sorted now."},
          {"Keep it up!", "I'll definitely be back.", "Would recommend.", "Thanks!", "Well done to the whole team."},
      }},
      {{
          {"Never again.", "Poor service.", "Stay away.", "Disappointing.", "Terrible experience."},
          {"Mixed feelings.", "Decent.", "Could be better.", "It's OK."},
          {"Highly recommended!", "Great shop.", "Good service.", "Very happy.", "Quick and good."},
      }},
      {{
          {"Never ordering from {brand} again.", "Can't recommend {brand} to anyone.", "Done with {brand}."},
          {"Might give them another chance.", "All in all, fine.", "Still room for improvement."},
          {"Will definitely order here again.", "{brand} again next time!", "Highly recommended."},
      }},
      {"Bought a {product} at {brand} in {city}.", "Ordered my {product} online from {brand}.",
       "Bought a {product} last week.", "Our {product} broke, so I got a new one in {city}."},
      {"Ordered a {product} from {brand}.", "Bought a {product} through {brand}.",
       "This time my {product} came from {brand}."},
      {"I want to make a complaint about {subject}.", "This is a complaint about order {order}.",
       "I am {very}unhappy about {subject}.", "I've really had enough.",
       "This is already the third time I've contacted you.", "I would like to bring the following to your attention.",
       "I have a complaint about {subject}."},
      {"I want my money back.", "I expect a solution within a week.", "Please call me back as soon as possible.",
       "I want the {product} replaced.", "If this isn't resolved, I'll take it further.",
       "I'd like an apology and a solution.", "How are you going to fix this?",
       "I look forward to hearing from you within five working days."},
      {"Dear Sir or Madam,", "Dear {brand} team,"},
      {{
          {"I am writing to express my dissatisfaction with {subject}.",
           "I regret having to write to you about {subject}.", "I hereby submit a formal complaint about {subject}."},
          {"I would like to tell you about my experience with {subject}.",
           "I am writing to share a few thoughts on {subject}."},
          {"I am writing to pay you a compliment.",
           "I would like to let you know how pleased I am with my recent visit to your shop in {city}.",
           "I don't often write to companies, but this time I wanted to."},
      }},
      {{
          {"I expect a written response within fourteen days.", "I want my money back.",
           "I trust you will offer a suitable solution.", "I look forward to hearing from you soon."},
          {"I hope you will take this on board.", "Perhaps this is of use to you."},
          {"My compliments to the whole team.", "Many thanks for that.",
           "I hope you will pass this on to the staff involved."},
      }},
      {{
          {"Yours faithfully,", "Kind regards,"},
          {"Kind regards,"},
          {"Kind regards,", "With best wishes,"},
      }},
      {{
          {"Seriously?", "Same story again.", "Unbelievable.", "Here we go again."},
          {"Meh.", "Mixed feelings.", "Hmm."},
          {"Quick shout-out!", "Now that's service.", "Pleasantly surprised!"},
      }},
      {{
          {" #customerservice", " #neveragain", " 😡", " #fail", " 🙄", " Anyone else?"},
          {" 🤷", " #meh", ""},
          {" 👍", " #happycustomer", " 🙌", " Top!", " 💪"},
      }},
      {"@{brand} "},
      {{
          {"Customer at the till said: ", "A regular customer told me today: ", "Customer at the service desk: ",
           "Customer in the shop: "},
          {"Customer on the phone: ", "Customer called and said: ", "A regular customer called today: "},
          {"Heard on a delivery: ", "Customer at the door: ", "Customer said when we brought the {product}: "},
      }},
      {{
          {"{customer} said when picking up the {product}: ", "{customer} came into the shop: "},
          {"{customer} called and said: ", "{customer} on the phone: "},
          {"{customer} said when we delivered the {product}: "},
      }},
      {{
          {"Told them we'd get back to them.", "Passed on to the team leader.", "Customer would like a call back.",
           "Apologised on our behalf.", "I've heard this more often this week."},
          {"Maybe something for the team meeting.", "FYI.", "Customer doesn't expect a reply."},
          {"Nice to hear!", "Passed the compliment on to the team.", "Great compliment for the team."},
      }},
      {{
          {"I've switched to {competitor}.", "I cancelled my membership.", "After years as a customer, I've left.",
           "The main reason I left: {subject}.", "I left because of {subject}."},
          {"I was fairly happy really, but {competitor} is just cheaper.",
           "It wasn't bad, but I found myself ordering from {competitor} more and more.",
           "It wasn't really you, {competitor} is simply more convenient for me."},
          {"We're moving abroad, so I'm cancelling.", "I don't need any new appliances for the time being.",
           "Since we moved house there's no shop near us anymore."},
      }},
      {{
          {"If that changes I might come back.", "Shame, it used to be better.", "I've told friends and family too."},
          {"Who knows, I may come back one day.", "The shop itself was always fine."},
          {"Thanks for the great years!", "I'd recommend you to anyone."},
      }},
  };
  return kEn;
}

constexpr std::string_view kEmployeeNames[] = {"Sanne", "Daan",  "Fatima", "Thijs", "Lotte", "Mohamed",
                                               "Iris",  "Bram",  "Yasmin", "Jesse", "Noor",  "Kevin",
                                               "Lieke", "Ahmet", "Eline",  "Wout",  "Fleur", "Stijn"};

int MoodIndex(Mood mood) { return static_cast<int>(mood); }

// The per-text state of the slots: one product, one employee name, the request's names.
struct Slots {
  const LanguageTexts* lang = nullptr;
  const TopicTexts* main_topic = nullptr;
  const TextRequest* request = nullptr;
  bool english = false;
  size_t product = 0;
  std::string_view employee;
};

void Fill(std::string_view t, const Slots& s, Rng& rng, std::string& out);

void AppendSlot(std::string_view key, const Slots& s, Rng& rng, std::string& out) {
  const TextRequest& r = *s.request;
  if (key == "product") {
    out += s.lang->products[s.product];
  } else if (key == "very") {
    out += rng.Pick(s.lang->intensifiers);
  } else if (key == "days") {
    out += std::to_string(rng.Between(4, 14));
  } else if (key == "fewdays") {
    out += rng.Pick(s.lang->few_days);
  } else if (key == "weeks") {
    out += std::to_string(rng.Between(2, 8));
  } else if (key == "minutes") {
    out += std::to_string(5 * rng.Between(3, 12));
  } else if (key == "amount") {
    static constexpr int kEuros[] = {5, 10, 15, 20, 25, 35, 50, 75, 100, 150, 200};
    int euros = kEuros[rng.Below(std::size(kEuros))];
    const bool cents = rng.Chance(0.5);
    if (cents) --euros;
    out += s.english ? "€" : "€ ";
    out += std::to_string(euros);
    if (cents) out += s.english ? ".95" : ",95";
  } else if (key == "order") {
    out += "SL-" + std::to_string(rng.Between(1'000'000, 9'999'999));
  } else if (key == "name") {
    out += s.employee;
  } else if (key == "brand") {
    out += r.brand;
  } else if (key == "city") {
    out += r.city;
  } else if (key == "customer") {
    out += r.customer_name.empty() ? s.lang->customer_fallback : r.customer_name;
  } else if (key == "competitor") {
    out += r.competitor_name.empty() ? s.lang->competitor_fallback : r.competitor_name;
  } else if (key == "subject") {
    Fill(s.english ? s.main_topic->subject_en : s.main_topic->subject_nl, s, rng, out);
  } else {
    throw std::logic_error("demo text: unknown slot {" + std::string(key) + "}");
  }
}

// Appends `t` with its slots filled.
void Fill(std::string_view t, const Slots& s, Rng& rng, std::string& out) {
  while (!t.empty()) {
    const size_t open = t.find('{');
    if (open == std::string_view::npos) {
      out += t;
      return;
    }
    const size_t close = t.find('}', open);
    if (close == std::string_view::npos) throw std::logic_error("demo text: unclosed slot");
    out += t.substr(0, open);
    AppendSlot(t.substr(open + 1, close - open - 1), s, rng, out);
    t.remove_prefix(close + 1);
  }
}

// Builds a text from sentences: each Add starts a sentence (capitalised, separated by `separator`).
class Builder {
 public:
  Builder(const Slots& slots, Rng& rng) : slots_(slots), rng_(rng) { out_.reserve(320); }

  void Add(std::string_view sentence, std::string_view separator = " ") {
    if (!out_.empty() && !glue_) out_ += separator;
    glue_ = false;
    const size_t start = out_.size();
    Fill(sentence, slots_, rng_, out_);
    if (start < out_.size() && out_[start] >= 'a' && out_[start] <= 'z')
      out_[start] = static_cast<char>(out_[start] - 32);
  }
  void AddFrom(const Strings& options, std::string_view separator = " ") { Add(rng_.Pick(options), separator); }
  // Appends without a separator and without capitalising (hashtags, quote marks).
  void Raw(std::string_view text) { Fill(text, slots_, rng_, out_); }
  // The next Add follows directly, without a separator (after an opening quote mark or "@handle ").
  void Glue() { glue_ = true; }
  std::string Take() { return std::move(out_); }

 private:
  const Slots& slots_;
  Rng& rng_;
  std::string out_;
  bool glue_ = false;
};

const TopicTexts& TopicEntry(Topic topic) { return TopicTable()[static_cast<size_t>(topic)]; }

const Strings& Fragments(Topic topic, Mood mood, bool english) {
  const TopicTexts& t = TopicEntry(topic);
  return (english ? t.en : t.nl)[static_cast<size_t>(MoodIndex(mood))];
}

// Fragments that start with '^' only fit business customers ("our accounts department").
bool Fits(std::string_view fragment, const TextRequest& r) { return r.business || !fragment.starts_with('^'); }
std::string_view Unmarked(std::string_view fragment) {
  return fragment.starts_with('^') ? fragment.substr(1) : fragment;
}

// The topic sentences: one per topic, sometimes two about the main topic; at most `max` sentences.
void AddTopicSentences(Builder& b, Rng& rng, const TextRequest& r, bool english, int max, double second_chance) {
  int added = 0;
  for (size_t i = 0; i < r.topics.size() && added < max; ++i) {
    const Strings& all = Fragments(r.topics[i], r.mood, english);
    std::array<std::string_view, 16> options;
    size_t n = 0;
    for (std::string_view f : all) {
      if (Fits(f, r) && n < options.size()) options[n++] = Unmarked(f);
    }
    const size_t first = rng.Below(n);
    b.Add(options[first]);
    ++added;
    if (i == 0 && added < max && n > 1 && rng.Chance(second_chance)) {
      const size_t second = (first + 1 + rng.Below(n - 1)) % n;
      b.Add(options[second]);
      ++added;
    }
  }
}

}  // namespace

std::string_view TopicName(Topic topic) {
  static constexpr std::string_view kNames[kTopicCount] = {"delivery",          "waiting_time", "staff",   "price",
                                                           "product_quality",   "app_website",  "invoice", "returns",
                                                           "store_cleanliness", "stock",        "advice"};
  return kNames[static_cast<int>(topic)];
}

std::string ComposeText(Rng& rng, const TextRequest& r) {
  if (r.topics.empty()) throw std::logic_error("demo text: a request needs at least one topic");
  const bool english = r.language == "en";
  const LanguageTexts& lang = english ? English() : Dutch();
  Slots slots;
  slots.lang = &lang;
  slots.main_topic = &TopicEntry(r.topics[0]);
  slots.request = &r;
  slots.english = english;
  slots.product = rng.Below(lang.products.size());
  slots.employee = kEmployeeNames[rng.Below(std::size(kEmployeeNames))];
  const int m = MoodIndex(r.mood);
  Builder b(slots, rng);

  const std::string_view source = r.source;
  if (source == "complaint" && r.mood == Mood::kUnhappy) {
    b.AddFrom(lang.complaint_open);
    AddTopicSentences(b, rng, r, english, 3, 0.6);
    b.AddFrom(lang.complaint_demand);
  } else if (source == "letter") {
    b.AddFrom(lang.letter_salutation);
    b.AddFrom(lang.letter_open[m], "\n\n");
    AddTopicSentences(b, rng, r, english, 4, 0.7);
    b.AddFrom(lang.letter_close[m]);
    b.AddFrom(lang.letter_signoff[m], "\n\n");
    b.Add("{customer}", "\n");
  } else if (source == "review") {
    if (rng.Chance(0.5)) b.AddFrom(lang.review_head[m]);
    if (rng.Chance(0.35)) b.AddFrom(r.competitor ? lang.review_intro_competitor : lang.review_intro_own);
    AddTopicSentences(b, rng, r, english, 3, 0.3);
    if (rng.Chance(0.3)) b.AddFrom(lang.review_close[m]);
  } else if (source == "social") {
    if (rng.Chance(0.45)) {
      b.Raw(rng.Pick(lang.social_handle));
      b.Glue();
    }
    if (rng.Chance(0.3)) b.AddFrom(lang.social_open[m]);
    AddTopicSentences(b, rng, r, english, 2, 0.0);
    if (rng.Chance(0.55)) b.Raw(rng.Pick(lang.social_tail[m]));
  } else if (source == "employee") {
    const size_t where = r.channel == "phone" ? 1 : r.channel == "delivery" ? 2 : 0;
    b.AddFrom(!r.customer_name.empty() && rng.Chance(0.4) ? lang.employee_prefix_named[where]
                                                          : lang.employee_prefix[where]);
    b.Raw(lang.quote_open);
    b.Glue();
    AddTopicSentences(b, rng, r, english, 2, 0.2);
    b.Raw(lang.quote_close);
    if (rng.Chance(0.5)) b.AddFrom(lang.employee_note[m]);
  } else if (source == "exit") {
    b.AddFrom(lang.exit_open[m]);
    AddTopicSentences(b, rng, r, english, 2, 0.3);
    if (rng.Chance(0.5)) b.AddFrom(lang.exit_close[m]);
  } else {  // survey, and anything else: the answer to "what is the main reason for your score?"
    if (rng.Chance(0.3)) b.AddFrom(lang.survey_open[m]);
    AddTopicSentences(b, rng, r, english, 3, 0.25);
    if (rng.Chance(0.3)) b.AddFrom(lang.survey_close[m]);
  }
  return b.Take();
}

}  // namespace ks::demo
