"""Words that tell the parts of a press release's contact block apart, in Swedish, English and neighbours.

The extractor's rules read these lists; they are data, kept apart so they can grow without touching
the rules. Everything is matched case-insensitively on whole words unless said otherwise.
"""

from __future__ import annotations

import re

#: Headings that open a contact block, with the language of the block they open.
BLOCK_HEADINGS: tuple[tuple[str, str], ...] = (
    ("sv", r"för\s+(?:mer|ytterligare|vidare)\s+information(?:\s+om\s+[^,:\n]{1,60})?(?:\s*,?\s*(?:vänligen\s+)?kontakta(?:\s+gärna)?)?"),
    ("sv", r"(?:mer|ytterligare|närmare)\s+(?:information|upplysningar)\s+(?:lämnas\s+av|ges\s+av|ger|från|hos)"),
    ("sv", r"(?:mer|ytterligare)\s+information"),
    ("sv", r"närmare\s+upplysningar(?:\s+ger|\s+lämnas\s+av)?"),
    ("sv", r"upplysningar\s+lämnas\s+av"),
    ("sv", r"frågor\s+besvaras\s+av"),
    ("sv", r"för\s+frågor(?:\s*,?\s*kontakta)?"),
    ("sv", r"kontaktpersoner|kontaktperson"),
    ("sv", r"presskontakter|presskontakt|pressfrågor|mediekontakt(?:er)?"),
    ("sv", r"kontakta\s+gärna"),
    ("sv", r"kontaktuppgifter|kontaktinformation|kontakter|kontakt"),
    ("en", r"for\s+(?:more|further|additional)\s+information(?:\s+about\s+[^,:\n]{1,60})?(?:\s*,?\s*(?:please\s+)?contact)?"),
    ("en", r"(?:media|press)\s+(?:contacts?|enquiries|inquiries|relations)"),
    ("en", r"for\s+(?:media|press)\s+(?:enquiries|inquiries)(?:\s*,?\s*(?:please\s+)?contact)?"),
    ("en", r"contact\s+(?:persons?|information|details)|contacts?"),
    ("nb", r"for\s+(?:mer|ytterligere)\s+informasjon(?:\s*,?\s*(?:vennligst\s+)?kontakt)?|pressekontakt(?:er)?|kontaktperson(?:er)?"),
    ("da", r"(?:for\s+)?yderligere\s+(?:oplysninger|information)(?:\s*,?\s*(?:venligst\s+)?kontakt)?|pressekontakt"),
    ("fi", r"lisätietoja(?:\s+antaa|\s+antavat|\s+antavat\s+mielellään)?|lisätiedot|mediayhteydet|yhteyshenkilöt|yhteyshenkilö|yhteystiedot|tiedotusvälineiden\s+yhteydenotot"),
    ("da", r"kontakter|kontaktpersoner|yderligere\s+information|for\s+yderligere\s+oplysninger|pressehenvendelser"),
    ("nb", r"kontakter|kontaktpersoner|presseinformasjon|pressehenvendelser|for\s+spørsmål"),
)

#: Headings spelt alike in Swedish, Norwegian and Danish: their block is in the release's language.
SHARED_HEADINGS = frozenset("kontakt kontakter kontaktperson kontaktpersoner".split())

#: Words that make a short line ending in a colon a contact heading ("Vill du ha ytterligare information kontakta:"),
#: by language; a word several languages share counts for the first.
HEADING_CUE = re.compile(
    r"\b(?:(?P<sv>kontakta|kontakt|kontaktperson\w*|upplysningar|frågor|presskontakt\w*|information)|"
    r"(?P<en>contacts?|enquiries|inquiries|questions|reach)|"
    r"(?P<nb>kontakte|henvendelser|informasjon|opplysninger)|(?P<da>oplysninger|henvendelse)|"
    r"(?P<fi>lisätietoja|lisätiedot|yhteystiedot|tiedustelut))\b",
    re.IGNORECASE,
)

#: The topic at the start of a contact line, to drop before reading it: "Om projektet: Anna Berg, …".
CONTACT_TOPIC = re.compile(r"^(?:om|angående|gällande|för|for|about|regarding)\s+[^:]{1,60}:\s*(?=\S)", re.IGNORECASE)

#: The first line of the sender's description ("Om Umeå kommun", "About Nordvind Energy"), often a heading.
ABOUT_SECTION = re.compile(r"^(?:om|about|fakta\s+om|kort\s+om|tietoa|om\s+oss)\s+\S", re.IGNORECASE)

#: Verbs of saying just before a name: a quote, not a contact ("säger Anna Berg", "says Tom Lee").
SAYING = re.compile(r"\b(?:säger|sa|berättar|menar|konstaterar|says|said|sier|sa|siger|sagde|sanoo|kertoo)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)

#: Words in a sentence that ask the reader to get in touch with the person named next.
PROSE_CUE = re.compile(
    r"\b(?:kontakta|kontakte|kontaktperson\w*|presskontakt\w*|pressekontakt\w*|nås|ring|ringa|mejla|maila|sms|via|contact|"
    r"reach|call|rettes\s+til|henvend\w*|ota\s+yhteyttä|yhteyshenkilö\w*|lisätietoja)\b[^.!?]*$",
    re.IGNORECASE,
)

#: A cue right before a name vouches for it: "kontakta Veronica Magnusson", "contact Jussi Laine".
CUE_JUST_BEFORE = re.compile(r"\b(?:kontakta|kontakte|contact|rettes\s+til|kontakt)\s+(?:gärna\s+|please\s+)?$", re.IGNORECASE)

#: Capitalised words that start sentences, never names: "Kontakta Anna Berg", "Ring Per Lind".
NOT_NAME_STARTS = frozenset(
    """
    kontakta kontakt ring ringa mejla maila hör fråga frågor för om vid enligt även också men och då nu
    contact call email ask for about at also but and then now please kontakt kontakte ring spørsmål
    yhteyttä lisätietoja ota soita
    """.split()
)

#: "Talesperson för Västmanlands sjukhus är Anna Berg": a role named as the contact, just before the name.
ROLE_IS = re.compile(
    r"(?P<role>\b(?:talesperson|presskontakt|kontaktperson|pressekontakt\w*|kontaktperson\w*|spokesperson|"
    r"press\s+contact|contact\s+person|media\s+contact)\b[^.!?:]{0,60}?)\s+(?:är|er|is|blir|will\s+be)\s+$",
    re.IGNORECASE,
)

#: Words before a name in a contact line that only ask the reader to call: "Call requests to Anna Berg".
LEADING_CUE = re.compile(
    r"^(?:call\s+requests?\s+(?:to|via)|soittopyynnöt(?:\s+ja\s+lisätiedot)?|kontakta(?:\s+gärna)?|"
    r"(?:please\s+)?contact|reach|ring|kontakt)\s+(?=[A-ZÅÄÖ])",
    re.IGNORECASE,
)

#: A contact line's topic before its colon: "Om projektet: Anna Berg, …", "Regarding the report: …".
CONTACT_PREFIX = re.compile(r"^(?:om|angående|gällande|för|about|regarding|for|on)\s+[^:]{1,50}:\s*\S", re.IGNORECASE)

#: Lines (or words at a line's start) that begin the newsroom's boilerplate: the block ends there.
BOILERPLATE_STARTS = re.compile(
    r"^(?:ämnen|kategorier|regioner|taggar|bilder|dokument|länkar|relaterat|prenumerera|"
    r"topics|categories|regions|tags|images|documents|related|subscribe|"
    r"om\s+\S+|about\s+\S+|pressmeddelande\s*-|press\s+release\s*-|följ\s+oss|follow\s+us|certified\s+advis[eo]r)\b",
    re.IGNORECASE,
)

#: Function words that name a press desk rather than a person ("Pressjouren", "Press office").
DESK_WORDS = re.compile(
    r"^(?:press\s+(?:office|desk|service|team|line)|media\s+(?:office|desk|relations|team)|news\s*desk|"
    r"press(?:jour(?:en)?|tjänst(?:en)?|avdelning(?:en)?|telefon(?:en)?|rum(?:met)?|kontor(?:et)?|enheten)|"
    r"mediejour(?:en)?|kommunikationsavdelning(?:en)?|kommunikationsenhet(?:en)?)\b",
    re.IGNORECASE,
)

#: A postal address ("404 82 Göteborg", "65100 Vasa"): the sender's footer, after any contact block.
POSTAL_ADDRESS = re.compile(r"\b(?:\d{3} \d{2}|\d{5})\s+[A-ZÅÄÖ][a-zåäö]+")

#: A street or postal address inside a contact line: after it come the sender's numbers, not the person's.
STREET_ADDRESS = re.compile(
    r"\b(?:\d{3} \d{2}|\d{5})\s+[A-ZÅÄÖ][a-zåäö]+|^\s*(?:box|pl|postbox|postboks|p\.?o\.?\s*box)\s+\d+|"
    r"\b[A-ZÅÄÖa-zåäö]*(?:gatan|vägen|väg|gata|plan|torget|torg|gränd|allé|street|road|vei|veien|gade|katu)\s+\d+[A-Za-z]?\b",
    re.IGNORECASE,
)

#: Words that end or start an organisation's name.
ORG_SUFFIXES = frozenset(
    """
    kommun kommune kommunen stad staden region regionen landsting kommunförbund universitet universitetet
    högskola högskolan myndighet myndigheten lasarett lasarettet sjukhus sjukhuset förbund förbundet
    förening föreningen stiftelse stiftelsen institut institutet bolag bolaget koncern koncernen museum
    museet hamn hamnen energi kraft
    ab hb ab. aktiebolag as asa oy oyj abp a/s aps gmbh ag ltd ltd. inc inc. plc llc sa bv nv
    municipality council board agency authority university college hospital institute foundation
    association administration ministry government company group kommunikation kommunikasjon communications
    consulting konsult
    """.split()
)
ORG_PREFIXES = frozenset(
    """
    länsstyrelsen region regionen landstinget universitetet högskolan stiftelsen föreningen förbundet
    the university
    """.split()
)
#: Single-word Swedish authority names end so: Trafikverket, Socialstyrelsen, Polismyndigheten.
ORG_WORD_ENDINGS = (
    "verket", "styrelsen", "myndigheten", "inspektionen", "kassan", "förmedlingen", "museet", "ämbetet",
    "förbundet", "bolaget", "akademien", "akademin", "institutet", "universitetet", "högskolan", "gruppen",
    "region", "sjukhus", "sjukhuset", "universitet", "lasarett", "lasarettet", "kommun",
)

#: English organisation names that start with their kind: City of Gothenburg, University of Gothenburg.
ORG_PATTERN = re.compile(
    r"^(?:the\s+)?(?:city|municipality|university|county\s+council|county\s+administrative\s+board|port|"
    r"region|government|ministry|office)\s+of\s+\S", re.IGNORECASE
)

#: Words and word endings that make a text a job title.
TITLE_WORDS = frozenset(
    """
    ordförande vice förste andre ledamot ersättare kommunalråd regionråd oppositionsråd landshövding
    generaldirektör överdirektör rektor prorektor dekan professor docent lektor forskare doktorand
    kommunikatör informatör pressekreterare presschef pressansvarig pressombud talesperson
    sekreterare ombudsman vd ceo cfo cto coo grundare delägare partner styrelseordförande
    gruppledare borgmästare stadsdirektör kommundirektör regiondirektör kanslichef
    expert specialist strateg utredare analytiker handläggare inspektör jurist ekonom controller
    läkare överläkare sjuksköterska barnmorska ingenjör arkitekt planerare samordnare koordinator
    biträdande ställföreträdande tf t.f. politisk verksamhetschef enhetschef avdelningschef
    chair chairman chairwoman chairperson head director manager officer president governor
    councillor councilor mayor spokesperson spokesman spokeswoman secretary coordinator adviser
    advisor researcher lecturer analyst engineer founder chief editor inspector consultant
    executive lead leader deputy senior assistant communications communicator minister member
    direktør ordfører ordfører leder rådgiver konsulent pressechef pressesjef talsperson
    presskontakt mediekontakt kontaktperson redaktør redaktör presseattasje presseattaché pressesekretær statssekretær kommunikasjonsrådgiver
    kommunikasjonsrådgivar kommunikationskonsulent pressekontakt presseansvarlig informationschef
    toimitusjohtaja päätoimittaja puheenjohtaja varapuheenjohtaja johtaja tiedottaja viestintäjohtaja
    viestintäpäällikkö asiantuntija erityisasiantuntija tutkija professori pormestari kansliapäällikkö
    vastaava hallituksen talousjohtaja
    """.split()
)

#: Words that stand before a job word as part of the title: "press officer", "vice vd", "tf presschef".
TITLE_MODIFIERS = frozenset(
    """
    press presse media communications kommunikations senior vice biträdande bitr. politisk politiske tf t.f.
    tillförordnad ställföreträdande chief deputy assistant head förste andre 1:e 2:e
    """.split()
)

#: Fields of work that complete a title after a comma: "SVP, Communications", "Head, Investor Relations".
WORK_AREAS = frozenset(
    """
    communications communication corporate investor relations marketing sales finance hr people operations
    press media public affairs kommunikation marknad marknadsföring försäljning ekonomi personal viestintä
    development strategy business ir & and och
    """.split()
)

#: Endings of a unit inside an organisation: "vilthandläggare på Viltanalysenheten" keeps the unit in its title.
UNIT_ENDINGS = ("enheten", "kansliet", "avdelningen", "staben", "sektionen", "gruppen", "teamet", "funktionen")

#: Words that mark an English title inside a Nordic block ("CEO", "Country Manager Sweden").
ENGLISH_TITLE_WORDS = frozenset(
    """
    ceo cfo cto coo manager head director officer chief chairman chairperson president spokesperson
    communications executive senior country relations development sales marketing investor
    """.split()
)

#: Column headings of a contact table; the phone columns' headings are labels for their numbers.
COLUMN_HEADINGS = frozenset(
    """
    namn name roll role titel title befattning position telefon phone tel tfn mobil mobile direkt direct
    e-post epost email e-mail mejl organisation organization
    """.split()
)

#: Words that never stand in a person's name.
NOT_IN_NAMES = frozenset(
    """
    in of the och and för på med till om av vid english svenska svensk swedish norsk norska dansk danska suomi
    nordisk nordiska nordic finsk finska finnish danish norwegian european europeiska
    """.split()
)

#: The start of a line whose numbers belong to every person listed before it ("Båda nås via växeln").
SHARED_LINE = re.compile(r"^(?:båda|bägge|samtliga|alla|de|both|all)\b", re.IGNORECASE)
TITLE_ENDINGS = (
    "chef", "direktör", "direktør", "sjef", "leder", "rådgiver", "talesperson", "ansvarig", "handläggare", "ledare", "samordnare", "strateg", "veterinär",
    "läkare", "planerare", "sekreterare", "ordförande", "kommunikatör", "rådgivare", "råd", "ingenjör",
    "utredare", "inspektör", "officer", "manager", "director", "sekretær", "rådgivar", "konsulent", "attasje",
    "redaktør", "redaktör", "sjef", "johtaja", "päällikkö", "asiantuntija", "tiedottaja", "tutkija", "koordinaattori",
    "ansvarlig", "assistent", "handler", "chef", "spokesperson", "professor", "rådgjevar", "rådgiver", "direktør",
)

#: Party abbreviations written after a name, "(S)" or "(s)"; local parties vary, so any short letters pass.
PARTY_MARKER = re.compile(r"\(\s*([A-Za-zÅÄÖåäö]{1,4})\s*\)")

#: Name particles that stay lower case inside a name.
NAME_PARTICLES = frozenset("af von van der de la du di al el bin ben da dos".split())

#: Common first names in Sweden and its neighbours; a name-shaped text starting with one is surely a name.
FIRST_NAMES = frozenset(
    """
    adam adrian agnes ahmed albin alexander alexandra alf alice alicia alma amanda amir ana anders andreas
    anette anita ann anna anne anneli annelie annika anton arne astrid axel bengt bertil birgitta björn bo
    britt camilla carin carina carl carola caroline cecilia charlotte christer christian christina claes
    daniel david ebba edvin elias elin elisabet elisabeth ella ellen elsa emelie emil emilia emma erik
    erika eva evelina fanny felix filip fredrik frida gabriel gunilla gunnar gustav hampus hanna hannah
    hans harald hassan hedvig helen helena helene henrik hugo ida ingrid ingvar isak jakob james jan
    jenny jessica jesper joakim johan johanna john johnny jonas jonatan josef josefin julia kajsa karin
    karl karolina katarina kent kerstin kevin kim klara kristina kristoffer lars lena lennart leo liam
    lina linda linn linnea lisa lotta louise lucas ludvig magnus maja malin marcus margareta maria marie
    marianne markus martin mats mattias max maximilian michael mikael mohamed mohammed monica moa nils
    nina niklas nicklas ola olle olof olivia oliver oscar oskar patrik per peter petra pia rebecka rickard
    richard robert robin roger rolf ronja rut sara sebastian simon sofia sofie stefan stina susanne sven
    svante tobias tomas thomas tina tove ulf ulla ulrika valter vera victor viktor viktoria ville
    wilhelm william yvonne åsa åke örjan märta göran pär bodil gun inger ingela jörgen kjell lisbeth
    marita mona sten stig torbjörn yngve lorents mikaela trond cecilia eirik kari ola knut sigrid
    ingrid mette lars-erik per-erik per-åke anna-karin ann-sofie ann-christin karl-johan jan-erik
    amina fatima ali omar yusuf leila sanna matti jukka mikko pekka jarmo heikki aino
    ewa eva-lena søren mette jens lise hanne henrik ole niels rasmus trine kirsten bjørn ingrid sindre eirik ragnhild
    kimmo minna petteri panu mikael tuomas timo jussi antti juha kari hannu sari tiina pirjo marja riikka päivi
    satu anu heli johanna outi merja laura elina katja jaana tarja ulla leena anne ville teemu janne markku
    halvard anne morten jacob jakob christian kasper mads mikkel frederik anders troels line camilla marianne
    torbjørn håkon øyvind eivind geir terje rune arild vidar gro hilde randi solveig marit ingunn tone
    glenn roland lovisa ingela matilda johanna niklas kenneth tommy jimmy conny benny ronny
    """.split()
)


#: Words a flattened page may glue to the word before them; the extractor splits there.
GLUE_WORDS = frozenset(
    TITLE_WORDS | FIRST_NAMES
    | set("""
    lisätiedot lisätietoja yhteyshenkilöt soittopyynnöt puh tel tfn telefon mobil mobile phone email e-post kontakt
    kontakter kontakta presskontakt presskontakter pressekontakt contact contacts media press för for om about
    ir hr attachment attachments bilaga
    """.split())
)
