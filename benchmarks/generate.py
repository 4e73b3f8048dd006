"""Write a realistic synthetic contacts file: `python3 benchmarks/generate.py N OUT.yaml [--seed S]`.

The people are invented: Swedish first and last names (with å, ä and ö, hyphenated first names,
double surnames), at real kinds of organisations (kommuner, regioner, länsstyrelser, myndigheter,
bolag) with their Swedish and English names, titles in both languages, a party for politicians,
phones (mobiles, fixed lines with the organisation's area code, nationwide 010 numbers; one
switchboard per organisation, shared by its people), emails after the organisation's pattern, and
a few press desks. The file is in the canonical layout `contacts fmt` writes and has no findings
(`--warnings` sprinkles in a realistic few: typos in addresses, mobiles labelled direct, people
without a phone or address).

Every number is checked with phonenumbers and personal lines are unique. The numbers are random
valid numbers: they may belong to real subscribers, so do not publish or dial them. The same N and
seed always give the same file.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from dataclasses import dataclass, field

import phonenumbers
from phonenumbers import PhoneNumber, PhoneNumberFormat, PhoneNumberType

# -- people ------------------------------------------------------------------------------------------

FIRST_NAMES = """
Anna Maria Karin Eva Lena Kerstin Sara Emma Elin Johanna Linnéa Malin Sofia Ida Hanna Frida Ingrid
Birgitta Margareta Åsa Märta Maja Ebba Klara Cecilia Helena Helene Annika Ulrika Jenny Camilla Therese
Louise Agneta Gunilla Ylva Sanna Tove Matilda Josefin Lovisa Signe Saga Astrid Gunnel Solveig Ellinor
Lars Anders Johan Per Erik Karl Peter Mikael Jan Hans Thomas Fredrik Daniel Magnus Stefan Mattias
Jonas Henrik Björn Göran Håkan Åke Örjan Jörgen Mårten Pär Sören Bengt Olof Ola Nils Gustav Oskar
Axel Emil Viktor Rickard Lorents Tobias Niklas Kristoffer Joakim Ulf Leif Kjell Sölve Östen Torbjörn
Gösta Måns Holger Jöns Sigvard Ragnar
""".split()

HYPHENATED_FIRST_NAMES = """
Anna-Karin Eva-Lena Ann-Sofie Ann-Marie Karl-Johan Per-Olof Jan-Erik Lars-Göran Hans-Åke
Carl-Fredrik Maj-Britt Eva-Britt Britt-Marie Sven-Erik Lars-Åke Anna-Lena Stig-Åke Kjell-Åke
""".split()

SURNAMES = """
Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson
Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Olofsson Lindström Lindqvist
Lindgren Berg Axelsson Bergström Lundberg Lind Lundgren Lundqvist Mattsson Berglund Fredriksson
Sandberg Henriksson Forsberg Sjöberg Wallin Engström Eklund Danielsson Lundin Håkansson Björk Bergman
Gunnarsson Holm Wikström Samuelsson Isaksson Fransson Bergqvist Nyström Holmberg Arvidsson Löfgren
Söderberg Nyberg Blomqvist Claesson Nordström Mårtensson Lundström Viklund Björklund Eliasson Pålsson
Berggren Sandström Nordin Ström Åberg Hermansson Ekström Holmgren Sundberg Hedlund Dahlberg Hellström
Sjögren Abrahamsson Falk Öberg Andreasson Blom Ek Månsson Åkesson Strand Hellmark Knutsson Burman
Carstedt Öhman Östlund Söderström Åström Lindén Hägglund Löfström Nordlöf Bäckström Sjödin Ågren
Hällgren Rönnbäck Ödmark Strömqvist Bäcklund Östberg Näslund Grönlund Lövgren Sävström Törnqvist
""".split()

PARTIES = (("S", 30), ("M", 19), ("SD", 18), ("C", 7), ("V", 7), ("KD", 6), ("L", 5), ("MP", 5))

# -- organisations -----------------------------------------------------------------------------------

#: (län, its genitive as in "Landshövding Västerbottens län", area code of the residence city)
LAN = (
    ("Stockholm", "Stockholms", "8"),
    ("Uppsala", "Uppsala", "18"),
    ("Södermanland", "Södermanlands", "155"),
    ("Östergötland", "Östergötlands", "13"),
    ("Jönköping", "Jönköpings", "36"),
    ("Kronoberg", "Kronobergs", "470"),
    ("Kalmar", "Kalmar", "480"),
    ("Gotland", "Gotlands", "498"),
    ("Blekinge", "Blekinge", "455"),
    ("Skåne", "Skåne", "40"),
    ("Halland", "Hallands", "35"),
    ("Västra Götaland", "Västra Götalands", "31"),
    ("Värmland", "Värmlands", "54"),
    ("Örebro", "Örebro", "19"),
    ("Västmanland", "Västmanlands", "21"),
    ("Dalarna", "Dalarnas", "23"),
    ("Gävleborg", "Gävleborgs", "26"),
    ("Västernorrland", "Västernorrlands", "611"),
    ("Jämtland", "Jämtlands", "63"),
    ("Västerbotten", "Västerbottens", "90"),
    ("Norrbotten", "Norrbottens", "920"),
)

#: (region's Swedish name, English name, domain, switchboard: an area code or "10" for a 010 number)
REGIONS = (
    ("Region Stockholm", "Region Stockholm", "regionstockholm.se", "8"),
    ("Region Uppsala", "Region Uppsala", "regionuppsala.se", "18"),
    ("Region Sörmland", "Region Sörmland", "regionsormland.se", "16"),
    ("Region Östergötland", "Region Östergötland", "regionostergotland.se", "10"),
    ("Region Jönköpings län", "Region Jönköping County", "rjl.se", "10"),
    ("Region Kronoberg", "Region Kronoberg", "kronoberg.se", "470"),
    ("Region Kalmar län", "Region Kalmar County", "regionkalmar.se", "480"),
    ("Region Gotland", "Region Gotland", "gotland.se", "498"),
    ("Region Blekinge", "Region Blekinge", "regionblekinge.se", "455"),
    ("Region Skåne", "Region Skåne", "skane.se", "44"),
    ("Region Halland", "Region Halland", "regionhalland.se", "35"),
    ("Västra Götalandsregionen", "Region Västra Götaland", "vgregion.se", "10"),
    ("Region Värmland", "Region Värmland", "regionvarmland.se", "54"),
    ("Region Örebro län", "Region Örebro County", "regionorebrolan.se", "19"),
    ("Region Västmanland", "Region Västmanland", "regionvastmanland.se", "21"),
    ("Region Dalarna", "Region Dalarna", "regiondalarna.se", "23"),
    ("Region Gävleborg", "Region Gävleborg", "regiongavleborg.se", "26"),
    ("Region Västernorrland", "Region Västernorrland", "rvn.se", "611"),
    ("Region Jämtland Härjedalen", "Region Jämtland Härjedalen", "regionjh.se", "63"),
    ("Region Västerbotten", "Region Västerbotten", "regionvasterbotten.se", "90"),
    ("Region Norrbotten", "Region Norrbotten", "norrbotten.se", "920"),
)

#: (kommun, its area code, its domain); the English name is "<town> Municipality" (or "City of ...").
KOMMUNER = (
    ("Stockholm", "8", "stockholm.se"), ("Göteborg", "31", "goteborg.se"), ("Malmö", "40", "malmo.se"),
    ("Uppsala", "18", "uppsala.se"), ("Linköping", "13", "linkoping.se"), ("Örebro", "19", "orebro.se"),
    ("Västerås", "21", "vasteras.se"), ("Helsingborg", "42", "helsingborg.se"),
    ("Norrköping", "11", "norrkoping.se"), ("Jönköping", "36", "jonkoping.se"), ("Umeå", "90", "umea.se"),
    ("Lund", "46", "lund.se"), ("Borås", "33", "boras.se"), ("Huddinge", "8", "huddinge.se"),
    ("Eskilstuna", "16", "eskilstuna.se"), ("Gävle", "26", "gavle.se"), ("Södertälje", "8", "sodertalje.se"),
    ("Karlstad", "54", "karlstad.se"), ("Växjö", "470", "vaxjo.se"), ("Halmstad", "35", "halmstad.se"),
    ("Sundsvall", "60", "sundsvall.se"), ("Luleå", "920", "lulea.se"), ("Trollhättan", "520", "trollhattan.se"),
    ("Östersund", "63", "ostersund.se"), ("Borlänge", "243", "borlange.se"), ("Falun", "23", "falun.se"),
    ("Kalmar", "480", "kalmar.se"), ("Skövde", "500", "skovde.se"), ("Kristianstad", "44", "kristianstad.se"),
    ("Karlskrona", "455", "karlskrona.se"), ("Skellefteå", "910", "skelleftea.se"),
    ("Uddevalla", "522", "uddevalla.se"), ("Varberg", "340", "varberg.se"),
    ("Örnsköldsvik", "660", "ornskoldsvik.se"), ("Nyköping", "155", "nykoping.se"), ("Motala", "141", "motala.se"),
    ("Piteå", "911", "pitea.se"), ("Trelleborg", "410", "trelleborg.se"), ("Ängelholm", "431", "engelholm.se"),
    ("Lidköping", "510", "lidkoping.se"), ("Alingsås", "322", "alingsas.se"), ("Sandviken", "26", "sandviken.se"),
    ("Kiruna", "980", "kiruna.se"), ("Gällivare", "970", "gallivare.se"), ("Hudiksvall", "650", "hudiksvall.se"),
    ("Härnösand", "611", "harnosand.se"), ("Västervik", "490", "vastervik.se"), ("Mora", "250", "mora.se"),
    ("Arvika", "570", "arvika.se"), ("Ludvika", "240", "ludvika.se"), ("Katrineholm", "150", "katrineholm.se"),
    ("Enköping", "171", "enkoping.se"), ("Köping", "221", "koping.se"), ("Höganäs", "42", "hoganas.se"),
    ("Ystad", "411", "ystad.se"), ("Landskrona", "418", "landskrona.se"), ("Hässleholm", "451", "hassleholm.se"),
    ("Ljungby", "372", "ljungby.se"), ("Värnamo", "370", "varnamo.se"), ("Strängnäs", "152", "strangnas.se"),
    ("Söderhamn", "270", "soderhamn.se"), ("Bollnäs", "278", "bollnas.se"), ("Sollefteå", "620", "solleftea.se"),
    ("Lycksele", "950", "lycksele.se"), ("Boden", "921", "boden.se"), ("Haparanda", "922", "haparanda.se"),
    ("Åre", "647", "are.se"), ("Älmhult", "476", "almhult.se"), ("Åmål", "532", "amal.se"),
    ("Öckerö", "31", "ockero.se"), ("Tranås", "140", "tranas.se"), ("Östhammar", "173", "osthammar.se"),
    ("Höör", "413", "hoor.se"), ("Säffle", "533", "saffle.se"), ("Nässjö", "380", "nassjo.se"),
)
#: Kommuner that call themselves "stad" in Swedish and "City of" in English.
STAD = {
    "Stockholm": ("Stockholms stad", "City of Stockholm"),
    "Göteborg": ("Göteborgs Stad", "City of Gothenburg"),
    "Malmö": ("Malmö stad", "City of Malmö"),
    "Helsingborg": ("Helsingborgs stad", "City of Helsingborg"),
    "Västerås": ("Västerås stad", "City of Västerås"),
    "Borås": ("Borås Stad", "City of Borås"),
}

#: (Swedish name, English name, domain, switchboard: "10", "771" (a 0771 number) or an area code)
MYNDIGHETER = (
    ("Polismyndigheten", "Swedish Police Authority", "polisen.se", "10"),
    ("Skatteverket", "Swedish Tax Agency", "skatteverket.se", "771"),
    ("Försäkringskassan", "Swedish Social Insurance Agency", "forsakringskassan.se", "771"),
    ("Arbetsförmedlingen", "Swedish Public Employment Service", "arbetsformedlingen.se", "771"),
    ("Trafikverket", "Swedish Transport Administration", "trafikverket.se", "771"),
    ("Naturvårdsverket", "Swedish Environmental Protection Agency", "naturvardsverket.se", "10"),
    ("Folkhälsomyndigheten", "Public Health Agency of Sweden", "folkhalsomyndigheten.se", "10"),
    ("Socialstyrelsen", "National Board of Health and Welfare", "socialstyrelsen.se", "75"),
    ("Skolverket", "Swedish National Agency for Education", "skolverket.se", "8"),
    ("Energimyndigheten", "Swedish Energy Agency", "energimyndigheten.se", "16"),
    ("Boverket", "National Board of Housing, Building and Planning", "boverket.se", "455"),
    ("Livsmedelsverket", "Swedish Food Agency", "livsmedelsverket.se", "18"),
    ("Jordbruksverket", "Swedish Board of Agriculture", "jordbruksverket.se", "36"),
    ("Transportstyrelsen", "Swedish Transport Agency", "transportstyrelsen.se", "771"),
    ("Myndigheten för samhällsskydd och beredskap", "Swedish Civil Contingencies Agency", "msb.se", "771"),
    ("Kriminalvården", "Swedish Prison and Probation Service", "kriminalvarden.se", "771"),
    ("Migrationsverket", "Swedish Migration Agency", "migrationsverket.se", "771"),
    ("SMHI", "Swedish Meteorological and Hydrological Institute", "smhi.se", "11"),
    ("Tillväxtverket", "Swedish Agency for Economic and Regional Growth", "tillvaxtverket.se", "8"),
    ("Vinnova", "Sweden's Innovation Agency", "vinnova.se", "8"),
    ("Statistiska centralbyrån", "Statistics Sweden", "scb.se", "10"),
    ("Lantmäteriet", "Lantmäteriet", "lm.se", "771"),
    ("Sjöfartsverket", "Swedish Maritime Administration", "sjofartsverket.se", "771"),
    ("Skogsstyrelsen", "Swedish Forest Agency", "skogsstyrelsen.se", "36"),
    ("Havs- och vattenmyndigheten", "Swedish Agency for Marine and Water Management", "havochvatten.se", "10"),
    ("Konsumentverket", "Swedish Consumer Agency", "konsumentverket.se", "771"),
    ("Pensionsmyndigheten", "Swedish Pensions Agency", "pensionsmyndigheten.se", "771"),
    ("E-hälsomyndigheten", "Swedish eHealth Agency", "ehalsomyndigheten.se", "10"),
    ("Strålsäkerhetsmyndigheten", "Swedish Radiation Safety Authority", "ssm.se", "8"),
    ("Riksantikvarieämbetet", "Swedish National Heritage Board", "raa.se", "8"),
    ("Svenska kraftnät", "Svenska kraftnät", "svk.se", "10"),
)

#: (name, English name, domain, switchboard)
BOLAG = (
    ("Vattenfall AB", "Vattenfall AB", "vattenfall.com", "8"),
    ("Sveaskog", "Sveaskog", "sveaskog.se", "771"),
    ("LKAB", "LKAB", "lkab.com", "771"),
    ("Systembolaget", "Systembolaget", "systembolaget.se", "771"),
    ("Northvolt AB", "Northvolt AB", "northvolt.com", "8"),
    ("SSAB", "SSAB", "ssab.com", "8"),
    ("Skellefteå Kraft AB", "Skellefteå Kraft AB", "skekraft.se", "910"),
    ("Göteborg Energi", "Göteborg Energi", "goteborgenergi.se", "31"),
    ("Stockholm Exergi", "Stockholm Exergi", "stockholmexergi.se", "8"),
    ("Akademiska Hus", "Akademiska Hus", "akademiskahus.se", "10"),
    ("Jernhusen", "Jernhusen", "jernhusen.se", "8"),
    ("SJ AB", "SJ AB", "sj.se", "10"),
    ("Swedavia", "Swedavia", "swedavia.se", "10"),
    ("Boliden AB", "Boliden AB", "boliden.com", "8"),
    ("Västtrafik", "Västtrafik", "vasttrafik.se", "10"),
    ("Almi Företagspartner", "Almi Business Partner", "almi.se", "771"),
    ("Svevia", "Svevia", "svevia.se", "8"),
    ("Uppsalahem", "Uppsalahem", "uppsalahem.se", "18"),
    ("Umeå Energi", "Umeå Energi", "umeaenergi.se", "90"),
    ("Mälarenergi", "Mälarenergi", "malarenergi.se", "21"),
    ("Tekniska verken i Linköping", "Tekniska verken in Linköping", "tekniskaverken.se", "13"),
    ("Familjebostäder", "Familjebostäder", "familjebostader.se", "8"),
    ("Luleå Energi", "Luleå Energi", "luleaenergi.se", "920"),
    ("Öresundskraft", "Öresundskraft", "oresundskraft.se", "42"),
)

# -- titles (sv, en), by kind of organisation; politicians get a party -------------------------------

KOMMUN_POLITICIANS = (
    ("Kommunstyrelsens ordförande", "Chair of the Municipal Executive Board"),
    ("Kommunalråd", "Municipal councillor in {town}"),
    ("Kommunalråd", "Municipal councillor"),
    ("Oppositionsråd", "Opposition councillor"),
    ("Ordförande i byggnadsnämnden", "Chair of the Building Committee"),
    ("Ordförande i barn- och utbildningsnämnden", "Chair of the Children and Education Committee"),
    ("Ordförande i socialnämnden", "Chair of the Social Services Committee"),
    ("Ordförande i kommunfullmäktige", "Chair of the Municipal Council"),
)
KOMMUN_STAFF = (
    ("Kommundirektör", "Chief Executive"),
    ("Presschef", "Head of press"),
    ("Kommunikationschef", "Head of communications"),
    ("Kommunikatör", "Communications officer"),
    ("Kommunikatör", "Communications officer"),
    ("Pressansvarig", "Press officer"),
    ("Stadsbyggnadsdirektör", "Director of City Planning"),
    ("Miljöchef", "Head of environment"),
    ("Näringslivschef", "Head of business development"),
    ("Skolchef", "Head of education"),
    ("Säkerhetschef", "Head of security"),
    ("Socialchef", "Head of social services"),
)
REGION_POLITICIANS = (
    ("Regionstyrelsens ordförande", "Chair of the Regional Executive Board"),
    ("Regionråd", "Regional councillor"),
    ("Oppositionsregionråd", "Opposition regional councillor"),
    ("Ordförande i regionala utvecklingsnämnden", "Chair of the Regional Development Committee"),
    ("Ordförande i hälso- och sjukvårdsnämnden", "Chair of the Health Care Committee"),
)
REGION_STAFF = (
    ("Regiondirektör", "Regional Director"),
    ("Hälso- och sjukvårdsdirektör", "Director of Health Care"),
    ("Smittskyddsläkare", "County medical officer for communicable disease control"),
    ("Presschef", "Head of press"),
    ("Kommunikatör", "Communications officer"),
    ("Kommunikatör", "Communications officer"),
    ("Pressekreterare", "Press secretary"),
    ("Kollektivtrafikdirektör", "Director of Public Transport"),
)
LANSSTYRELSE_STAFF = (
    ("Landshövding {lan_gen} län", "County Governor of {lan}"),
    ("Länsöverdirektör", "Director of the County Administrative Board"),
    ("Presschef", "Head of press"),
    ("Kommunikatör", "Communications officer"),
    ("Kommunikatör", "Communications officer"),
    ("Enhetschef", "Head of unit"),
    ("Naturvårdsdirektör", "Director of Nature Conservation"),
    ("Beredskapsdirektör", "Director of Civil Preparedness"),
    ("Handläggare", "Case officer"),
)
MYNDIGHET_STAFF = (
    ("Generaldirektör", "Director-General"),
    ("Överdirektör", "Deputy Director-General"),
    ("Presschef", "Head of press"),
    ("Pressekreterare", "Press secretary"),
    ("Kommunikationsdirektör", "Director of Communications"),
    ("Avdelningschef", "Head of department"),
    ("Enhetschef", "Head of unit"),
    ("Utredare", "Analyst"),
    ("Handläggare", "Case officer"),
    ("Sakkunnig", "Specialist"),
    ("Presskontakt", "Press contact"),
)
BOLAG_STAFF = (
    ("Vd", "Chief Executive Officer"),
    ("Kommunikationschef", "Head of communications"),
    ("Presschef", "Head of press"),
    ("Pressansvarig", "Press officer"),
    ("Hållbarhetschef", "Head of sustainability"),
    ("Projektledare", "Project manager"),
    ("Produktionschef", "Head of production"),
    ("Marknadschef", "Head of marketing"),
)

DESKS = (
    ("Pressjouren", "Pressjour dygnet runt", "Press duty officer, around the clock", "pressjour"),
    ("Presstjänsten", "Presstjänst", "Press service", "press"),
    ("Pressrummet", "Pressjour", "Press office", "pressrum"),
)

#: Release titles; {org} and {town} are filled in.
RELEASES = (
    "{org} satsar på fler laddstolpar i {town}",
    "Nu börjar bygget av det nya resecentrumet i {town}",
    "{org} välkomnar beslutet om ny batterifabrik",
    "Rekordmånga sökte sommarjobb hos {org}",
    "Ny rapport visar att fler cyklar till jobbet i {town}",
    "{org} inför nya regler för vattenskoterkörning",
    "Höjd beredskap inför vårfloden i {town}",
    "Utnyttja möjligheten att skapa ett internationellt konkurrenskraftigt tillväxtkluster för batteritillverkning",
    "{org} tar emot pris för sitt hållbarhetsarbete",
    "Klart för ny skola och förskola i centrala {town}",
    "Årsredovisningen visar ett starkt resultat för {org}",
    "Gemensam satsning ska korta vårdköerna",
    "{org} öppnar ny mottagning i {town}",
    "Eldningsförbud i hela länet från och med i dag",
    "Medborgardialog om den nya översiktsplanen för {town}",
    "Ny vd utsedd för {org}",
    "Tåg ersätts med buss mellan {town} och Stockholm under sommaren",
    "Varning för höga flöden efter kraftigt regn",
    "{org} lanserar ny tjänst för digital bygglovsansökan",
    "Samverkan ska stärka kompetensförsörjningen i regionen",
)

LANGUAGE_SETS = (("[sv, en]", 4), ("[sv]", 6))
EMAIL_PATTERNS = (("first.last", 6), ("f.last", 2), ("firstlast", 1))
#: How many spokespeople a release names, and how often (a release of a kommun names two on average).
SPOKESPEOPLE = ((1, 35), (2, 30), (3, 25), (4, 10))


@dataclass
class Org:
    """An organisation: names, where it is, its email pattern and its switchboard."""

    sv: str
    en: str
    domain: str
    kind: str
    town: str
    area: str  # "10", "771" or a geographic area code without the 0
    pattern: str
    lan: tuple[str, str] | None = None
    switchboard: str = ""
    block: str = ""  # leading digits of the organisation's own number range
    people: int = 0
    desk: bool = False
    names: set = field(default_factory=set)
    release: list = field(default_factory=list)  # the source lines of its latest release
    release_seats: int = 0  # how many more of its people that release still names


def fold(text: str) -> str:
    """Lower-case ASCII: Åsa Öberg → asa oberg (as most organisations build addresses)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slug(text: str) -> str:
    """An id-like slug: 'Åsa Öberg-Lindén' → 'asa-oberg-linden'."""
    out, word = [], []
    for ch in fold(text):
        if ch.isascii() and ch.isalnum():
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return "-".join(out)


def weighted(rng: random.Random, options):
    """One value of a (value, weight) sequence."""
    values, weights = zip(*options)
    return rng.choices(values, weights)[0]


def organisations(rng: random.Random) -> list[Org]:
    """Every organisation, each with an email pattern and a switchboard of its own."""
    orgs = []
    for town, area, domain in KOMMUNER:
        if town in STAD:
            sv, en = STAD[town]
        else:  # Lunds kommun, but Umeå kommun and Alingsås kommun
            sv, en = f"{town}{'' if town[-1] in 'aeiouyåäös' else 's'} kommun", f"{town} Municipality"
        orgs.append(Org(sv, en, domain, "kommun", town, area, weighted(rng, EMAIL_PATTERNS)))
    for (sv, en, domain, area), lan in zip(REGIONS, LAN):
        orgs.append(Org(sv, en, domain, "region", lan[0], area, weighted(rng, EMAIL_PATTERNS), (lan[0], lan[1])))
    for name, gen, _area in LAN:
        orgs.append(
            Org(f"Länsstyrelsen {name}", f"County Administrative Board of {name}", "lansstyrelsen.se",
                "lansstyrelse", name, "10", "first.last", (name, gen))
        )
    for sv, en, domain, area in MYNDIGHETER:
        orgs.append(Org(sv, en, domain, "myndighet", "Stockholm", area, weighted(rng, EMAIL_PATTERNS)))
    for sv, en, domain, area in BOLAG:
        orgs.append(Org(sv, en, domain, "bolag", "Stockholm", area, weighted(rng, EMAIL_PATTERNS)))
    return orgs


# -- phone numbers -----------------------------------------------------------------------------------


class Numbers:
    """Valid Swedish numbers, checked with phonenumbers; personal ones never handed out twice."""

    MOBILE_PREFIXES = ("70", "72", "73", "76", "79")
    SERVICE = (PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST)

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.blocks: set[str] = set()

    def _check(self, nsn: str, types: tuple[int, ...]) -> str | None:
        """The national display form of an NSN when it is valid and of one of these types, else None."""
        number = PhoneNumber(country_code=46, national_number=int(nsn))
        kind = phonenumbers.number_type(number)
        if kind not in types or not phonenumbers.is_valid_number(number):
            return None
        if kind in self.SERVICE and len(nsn) == 9:
            return f"0{nsn[:3]}-{nsn[3:5]} {nsn[5:7]} {nsn[7:]}"  # written 0771-56 77 77 in Sweden
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)

    def _draw(self, prefix: str, length: int, types: tuple[int, ...], unique: bool, first: str = "123456789") -> str:
        """A random valid number starting with prefix, of `length` digits (NSN)."""
        rng = self.rng
        for _ in range(1000):
            rest = length - len(prefix)
            digits = rng.choice(first) + "".join(rng.choices("0123456789", k=rest - 1)) if rest > 0 else ""
            nsn = prefix + digits
            if unique and nsn in self.used:
                continue
            display = self._check(nsn, types)
            if display:
                self.used.add(nsn)
                return display
        raise RuntimeError(f"no valid number found with prefix 0{prefix}")

    def mobile(self) -> str:
        """A personal mobile number (07x)."""
        return self._draw(self.rng.choice(self.MOBILE_PREFIXES), 9, (PhoneNumberType.MOBILE,), True)

    #: Nationwide ranges an organisation may have its own block in: 010 (UAN) and 075.
    NATIONWIDE = {"10": PhoneNumberType.UAN, "75": PhoneNumberType.PERSONAL_NUMBER}
    FIXED = (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE)

    def switchboard(self, org: Org) -> str:
        """The organisation's switchboard; also fixes its number block for direct lines."""
        if org.area in self.NATIONWIDE:
            # Its own range of 10 000 numbers, like 010-225 xx xx.
            while True:
                block = org.area + self.rng.choice("1234567") + "".join(self.rng.choices("0123456789", k=2))
                if block not in self.blocks:
                    break
            org.block = block
            self.blocks.add(block)
            return self._draw(block, 9, (self.NATIONWIDE[org.area],), True, first="0123456789")
        if org.area == "771":
            return self._draw("771", 9, (PhoneNumberType.SHARED_COST,), True)
        org.block = org.area + self.rng.choice("123456789")
        return self._draw(org.block, 9, self.FIXED, True)

    def direct(self, org: Org) -> str:
        """A personal direct line in the organisation's own range (010, 075 or its area code)."""
        if org.area in self.NATIONWIDE:
            return self._draw(org.block, 9, (self.NATIONWIDE[org.area],), True, first="0123456789")
        block = org.block if org.block else "8" + self.rng.choice("123456789")  # 0771 agencies: Stockholm lines
        return self._draw(block, 9, self.FIXED, True, first="0123456789")


# -- the file ----------------------------------------------------------------------------------------


class Generator:
    """Makes contacts one at a time, keeping ids, addresses, numbers and people unique."""

    def __init__(self, seed: int, warnings: bool = False):
        self.rng = random.Random(seed)
        self.warnings = warnings
        self.orgs = organisations(self.rng)
        self.numbers = Numbers(self.rng)
        for org in self.orgs:
            org.switchboard = self.numbers.switchboard(org)
        self.ids: set[str] = set()
        self.emails: set[str] = set()
        # Big organisations (Stockholm, the police, regions) get more people than small kommuner.
        self.org_weights = [
            {"kommun": 3, "region": 6, "lansstyrelse": 3, "myndighet": 5, "bolag": 3}[o.kind]
            * (4 if o.area in ("8", "31", "40") else 1)
            for o in self.orgs
        ]

    def unique_id(self, base: str) -> str:
        """base, or base-2, base-3... whichever is free."""
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        return candidate

    def unique_email(self, local: str, domain: str) -> str:
        """local@domain, or with a digit after the local part when someone already has it."""
        candidate, n = f"{local}@{domain}", 1
        while candidate in self.emails:
            n += 1
            candidate = f"{local}{n}@{domain}"
        self.emails.add(candidate)
        return candidate

    def name(self, org: Org) -> tuple[str, list[str], list[str]]:
        """A name not yet used in this organisation: (name, first-name parts, surnames)."""
        rng = self.rng
        while True:
            first = rng.choice(HYPHENATED_FIRST_NAMES) if rng.random() < 0.08 else rng.choice(FIRST_NAMES)
            if rng.random() < 0.07:
                a, b = rng.sample(SURNAMES, 2)
                surnames = [a, b]
                last = f"{a}-{b}" if rng.random() < 0.2 else f"{a} {b}"
            else:
                surnames = [rng.choice(SURNAMES)]
                last = surnames[0]
            full = f"{first} {last}"
            key = fold(full)  # Jonsson and Jönsson are one person to the person-duplicate rule
            if key not in org.names:
                org.names.add(key)
                return full, first.split("-"), surnames

    def local_part(self, org: Org, firsts: list[str], surnames: list[str]) -> str:
        """The local part of a person's address after the organisation's pattern, å/ä/ö folded."""
        f = [fold(p) for p in firsts]
        s = [fold(p) for p in surnames]
        pattern = org.pattern
        if pattern == "firstlast" and len(f) + len(s) > 3:
            pattern = "first.last"  # nobody writes annakarinhellmarkknutsson
        if pattern == "first.last":
            first = "-".join(f) if self.rng.random() < 0.5 else "".join(f)
            last = ".".join(s) if self.rng.random() < 0.5 else "".join(s)
            return f"{first}.{last}"
        if pattern == "f.last":
            return "".join(p[0] for p in f) + "." + s[-1]
        return "".join(f) + "".join(s)

    def title(self, org: Org) -> tuple[tuple[str, str], bool]:
        """(sv, en) and whether the person is a politician."""
        rng = self.rng
        politician = False
        if org.kind == "kommun":
            politician = rng.random() < 0.35
            sv, en = rng.choice(KOMMUN_POLITICIANS if politician else KOMMUN_STAFF)
        elif org.kind == "region":
            politician = rng.random() < 0.3
            sv, en = rng.choice(REGION_POLITICIANS if politician else REGION_STAFF)
        elif org.kind == "lansstyrelse":
            sv, en = rng.choice(LANSSTYRELSE_STAFF)
        elif org.kind == "myndighet":
            sv, en = rng.choice(MYNDIGHET_STAFF)
        else:
            sv, en = rng.choice(BOLAG_STAFF)
        lan, lan_gen = org.lan or ("", "")
        fill = {"town": org.town, "lan": lan, "lan_gen": lan_gen}
        return (sv.format(**fill), en.format(**fill)), politician

    def source(self, org: Org) -> list[str]:
        """The source block's lines: a release names one to four spokespeople (two on average), so the people
        of one organisation share their releases as real ones do."""
        if org.release_seats <= 0:
            org.release = self.release(org)
            org.release_seats = weighted(self.rng, SPOKESPEOPLE)
        org.release_seats -= 1
        return list(org.release)

    def release(self, org: Org) -> list[str]:
        """A new release of the organisation, as a source block's lines."""
        rng = self.rng
        release = rng.choice(RELEASES).format(org=org.sv, town=org.town)
        n = rng.randrange(3_000_000, 3_400_000)
        lines = ["    source:", f"      release: {release}"]
        if rng.random() < 0.85:
            lines.append(f"      url: https://www.mynewsdesk.com/se/{slug(org.sv)}/pressreleases/{slug(release)}-{n}")
        else:
            lines.append(f"      file: releases/{slug(org.sv)}-{n}.pdf")
        lines.append(f"      languages: {weighted(rng, LANGUAGE_SETS)}")
        year = rng.randrange(2019, 2026)
        lines.append(f"      date: {year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}")
        return lines

    def person(self) -> list[str]:
        """One person's lines."""
        rng = self.rng
        org = rng.choices(self.orgs, self.org_weights)[0]
        name, firsts, surnames = self.name(org)
        (title_sv, title_en), politician = self.title(org)
        lines = [
            f"  - id: {self.unique_id(slug(name))}",
            "    kind: person",
            f"    name: {name}",
            "    title:",
            f"      sv: {title_sv}",
        ]
        if rng.random() < 0.8:
            lines.append(f"      en: {title_en}")
        lines += ["    organisation:", f"      sv: {org.sv}", f"      en: {org.en}"]
        if politician and rng.random() < 0.9:
            lines.append(f"    party: {weighted(rng, PARTIES)}")
        phones = []
        ack = None
        if rng.random() < 0.45:
            phones.append((self.numbers.direct(org), "direct"))
        if rng.random() < 0.7 or not phones:
            mobile = self.numbers.mobile()
            if self.warnings and rng.random() < 0.01:
                phones.append((mobile, "direct"))  # phone-label-mismatch
            else:
                phones.append((mobile, "mobile"))
        if rng.random() < 0.5:
            phones.append((org.switchboard, "switchboard"))
        unreachable = self.warnings and rng.random() < 0.003  # no-contact-method
        if unreachable:
            phones = []
        if phones:
            lines.append("    phones:")
            for number, label in phones:
                lines += [f"      - number: {number}", f"        label: {label}"]
        if (rng.random() < 0.9 or not phones) and not unreachable:
            local = self.local_part(org, firsts, surnames)
            if self.warnings and rng.random() < 0.01 and len(local) > 8:
                i = rng.randrange(2, len(local) - 2)
                if local[i].isalpha() and local[i + 1].isalpha() and local[i] != local[i + 1]:
                    local = local[:i] + local[i + 1] + local[i] + local[i + 2:]  # a typo: email-name-mismatch
                    if rng.random() < 0.3:
                        ack = "email-name-mismatch: Checked with the press office; the address is right."
            lines += ["    emails:", f"      - {self.unique_email(local, org.domain)}"]
        lines += self.source(org)
        if ack:
            lines += ["    acknowledged:", f"      {ack}"]
        org.people += 1
        return lines

    def desk(self, org: Org) -> list[str]:
        """A press desk of an organisation."""
        rng = self.rng
        name, sv, en, local = DESKS[rng.randrange(len(DESKS))]
        org.desk = True
        lines = [
            f"  - id: {self.unique_id(slug(f'{name} {org.sv}'))}",
            "    kind: desk",
            f"    name: {name}",
            "    title:",
            f"      sv: {sv}",
            f"      en: {en}",
            "    organisation:",
            f"      sv: {org.sv}",
            f"      en: {org.en}",
            "    phones:",
            f"      - number: {self.numbers.direct(org)}",
            "        label: press line",
        ]
        if rng.random() < 0.5:
            lines += [f"      - number: {org.switchboard}", "        label: switchboard"]
        if org.domain == "lansstyrelsen.se":
            local = f"{local}.{slug(org.town)}"
        lines += ["    emails:", f"      - {self.unique_email(local, org.domain)}"]
        lines += self.source(org)
        return lines

    def contacts(self, n: int):
        """n contacts' lines, desks spread among the people."""
        desks = min(len(self.orgs), max(1, n // 200)) if n >= 20 else 0
        desk_at = set(self.rng.sample(range(n), desks)) if desks else set()
        free = [o for o in self.orgs]
        self.rng.shuffle(free)
        for i in range(n):
            if i in desk_at:
                yield self.desk(free.pop())
            else:
                yield self.person()


HEADER = """\
# Synthetic contacts for benchmarks, made by benchmarks/generate.py ({n} contacts, seed {seed}).
# The people are invented; the phone numbers are random valid numbers that may belong to
# someone: do not publish this file or call the numbers.
contacts:
"""


def generate(n: int, seed: int = 1, warnings: bool = False) -> str:
    """The text of a contacts file with n contacts."""
    gen = Generator(seed, warnings)
    parts = [HEADER.format(n=n, seed=seed)]
    for i, lines in enumerate(gen.contacts(n)):
        if i:
            parts.append("\n")
        parts.append("\n".join(lines))
        parts.append("\n")
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and write the file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many contacts")
    parser.add_argument("out", help="the file to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1); same seed, same file")
    parser.add_argument(
        "--warnings", action="store_true",
        help="sprinkle in a realistic few warnings (about 1 in 100 contacts); default: no findings",
    )
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("n must be at least 1")
    text = generate(args.n, args.seed, args.warnings)
    with open(args.out, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
