#!/usr/bin/env python3
"""Generate the static tables of the job-title normalizer.

    python3 tools/gen_title_tables.py [outdir]   # writes outdir/title_fold.c
                                                 # and outdir/title_lexicon.c
                                                 # (default src/core/gen)

`make` runs it: the outputs are build products under src/core/gen/, never
edited or committed; test/unit/test_title.c checks their invariants (sorted,
unique, bounded expansions).  Edit the word lists below and rebuild.

Unicode data comes from Python's unicodedata (the version is written into
title_fold.c); PostgreSQL 15 uses the same Unicode 14.0.
"""
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(ROOT, "src", "core", "gen")

# Bound on output growth: every expansion of a key of n bytes, plus the space
# after it, fits in RX_TITLE_GROWTH * n bytes (see rx_title_out_capacity in title.h).
RX_TITLE_GROWTH = 12

# --------------------------------------------------------------------------
# Character classes (must match the TC_* values in title_tables.h)
TC = dict(WORD=0, DIGIT=1, SPACE=2, DROP=3, APOS=4, AMP=5, OPEN=6, CLOSE=7,
          SEP=8, HYPHEN=9, DASH=10, DOT=11, HASH=12, PLUS=13, UNDERSCORE=14,
          BREAK=15, COMBINING=16, FOLD=17, LOWER=18)


def ascii_class(c):
    ch = chr(c)
    if ch.isalpha():
        return "WORD"
    if ch.isdigit():
        return "DIGIT"
    if c < 0x20 or c == 0x7F or ch == " ":
        return "SPACE"
    return {"'": "APOS", "`": "APOS", "&": "AMP", "(": "OPEN", "[": "OPEN",
            "{": "OPEN", "<": "OPEN", ")": "CLOSE", "]": "CLOSE", "}": "CLOSE",
            ">": "CLOSE", ",": "SEP", ";": "SEP", ":": "SEP", "|": "SEP",
            "/": "SEP", "\\": "SEP", "-": "HYPHEN", ".": "DOT", "#": "HASH",
            "+": "PLUS", "_": "UNDERSCORE"}.get(ch, "BREAK")


# Dashes that always separate segments (en dash, em dash, figure dash,
# horizontal bar, two- and three-em dashes, small/presentation forms).
SEGMENT_DASHES = {0x2012, 0x2013, 0x2014, 0x2015, 0x2E3A, 0x2E3B, 0xFE31,
                  0xFE32, 0xFE58}
# Right single quotation mark and friends: apostrophes inside words.
APOSTROPHES = {0x2018, 0x2019, 0x201B, 0x02BC, 0xFF07}
# Format characters kept because scripts need them (ZWNJ, ZWJ).
KEEP_FORMAT = {0x200C, 0x200D}


def general_class(cp):
    """Class of a code point outside ASCII and outside the direct tables."""
    if cp in SEGMENT_DASHES:
        return "DASH"
    if cp in APOSTROPHES:
        return "APOS"
    if cp in KEEP_FORMAT:
        return "WORD"
    if 0x0300 <= cp <= 0x036F:
        return "COMBINING"
    cat = unicodedata.category(chr(cp))
    if cat[0] in "LMN" or cat in ("Cn", "Co"):
        return "WORD"
    if cat == "Cf":
        return "DROP"
    if cat in ("Zs", "Zl", "Zp", "Cc"):
        return "SPACE"
    if cat == "Ps":
        return "OPEN"
    if cat == "Pe":
        return "CLOSE"
    if cat == "Pd":
        return "HYPHEN"
    return "BREAK"


LATIN_NAME = re.compile(r"^LATIN (?:SMALL|CAPITAL) (?:LETTER|LIGATURE) ([A-Z]{1,2})(?: WITH .*)?$")
LATIN_SPECIAL = {
    0x00DF: "ss", 0x1E9E: "ss",           # sharp s
    0x00D0: "d", 0x00F0: "d",             # eth
    0x00DE: "th", 0x00FE: "th",           # thorn
    0x0131: "i",                          # dotless i
    0x0138: "k",                          # kra
    0x014A: "ng", 0x014B: "ng",           # eng
    0x0149: "n",                          # n preceded by apostrophe
    0x017F: "s", 0x1E9B: "s", 0x1E9C: "s", 0x1E9D: "s",  # long s
    0x01C5: "dz", 0x01C8: "lj", 0x01CB: "nj", 0x01F2: "dz",  # title-case digraphs
    0x00AA: "a", 0x00BA: "o",             # ordinal indicators
}


def latin_entry(cp):
    """(class, text) for U+00A0..U+024F and U+1E00..U+1EFF."""
    if cp in LATIN_SPECIAL:
        return ("FOLD", LATIN_SPECIAL[cp])
    ch = chr(cp)
    name = unicodedata.name(ch, "")
    m = LATIN_NAME.match(name)
    if m:
        return ("FOLD", m.group(1).lower())
    cls = general_class(cp)
    if cls == "WORD":
        low = ch.lower()
        if len(low) == 1 and low != ch and len(low.encode()) == len(ch.encode()):
            # a letter whose lower case folds folds the same way (U+01F6 HWAIR
            # -> U+0195 "hv"), so that every output character is a fixed point
            if in_latin_tables(ord(low)):
                lcls, ltext = latin_entry(ord(low))
                if lcls == "FOLD":
                    return ("FOLD", ltext)
                assert lcls == "WORD", (hex(cp), lcls)
            return ("LOWER", low)
    return (cls, "")


def in_latin_tables(cp):
    return 0x00A0 <= cp <= 0x024F or 0x1E00 <= cp <= 0x1EFF


# Scripts lower-cased with Unicode's simple mapping when it keeps the UTF-8
# length: Greek and Coptic, Cyrillic (+ Supplement), Armenian, Georgian
# Mtavruli, Greek Extended.  Everything else passes through unchanged.
LOWER_BLOCKS = [(0x0370, 0x03FF), (0x0400, 0x052F), (0x0531, 0x0556),
                (0x1C90, 0x1CBF), (0x1F00, 0x1FFF)]


def lower_pairs():
    pairs = []
    for lo, hi in LOWER_BLOCKS:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if unicodedata.category(ch) not in ("Lu", "Lt"):
                continue
            low = ch.lower()
            if len(low) == 1 and low != ch and len(low.encode()) == len(ch.encode()):
                pairs.append((cp, ord(low)))
    return pairs


def gen_fold():
    out = []
    w = out.append
    w("/*\n * title_fold.c — character tables of the title normalizer.\n *\n")
    w(" * GENERATED by tools/gen_title_tables.py from Unicode %s; do not edit.\n" % unicodedata.unidata_version)
    w(" * See doc/titles.md, \"Characters\", for what each class does.\n */\n")
    w('#include "../title_tables.h"\n\n')
    # ASCII
    w("/* Class of each ASCII byte. */\nconst uint8_t rx_title_ascii_class[128] = {\n")
    row = []
    for c in range(128):
        row.append("TC_%s" % ascii_class(c))
        if len(row) == 4:
            w("\t" + ", ".join(row) + ",\n")
            row = []
    w("};\n\n")
    # Latin direct tables
    def latin_table(name, lo, hi):
        w("/* U+%04X..U+%04X: class and, for TC_FOLD, the ASCII letters (for TC_LOWER the code point). */\n" % (lo, hi))
        w("const rx_title_fold_entry %s[%d] = {\n" % (name, hi - lo + 1))
        for cp in range(lo, hi + 1):
            cls, text = latin_entry(cp)
            assert cls != "FOLD" or len(text) <= len(chr(cp).encode()), hex(cp)
            if cls == "FOLD":
                w("\t{TC_FOLD, \"%s\", 0},\t/* U+%04X %s */\n" % (text, cp, unicodedata.name(chr(cp), "?")))
            elif cls == "LOWER":
                w("\t{TC_LOWER, \"\", 0x%04X},\t/* U+%04X %s */\n" % (ord(text), cp, unicodedata.name(chr(cp), "?")))
            else:
                w("\t{TC_%s, \"\", 0},\t/* U+%04X %s */\n" % (cls, cp, unicodedata.name(chr(cp), "?")))
        w("};\n\n")
    latin_table("rx_title_fold_latin", 0x00A0, 0x024F)
    latin_table("rx_title_fold_latin_ext", 0x1E00, 0x1EFF)
    # lower-case pairs
    pairs = lower_pairs()
    w("/* Upper-case letters of Greek, Cyrillic, Armenian and Georgian and their lower case, sorted. */\n")
    w("const rx_title_case_pair rx_title_lower_pairs[%d] = {\n" % len(pairs))
    for a, b in pairs:
        w("\t{0x%04X, 0x%04X},\n" % (a, b))
    w("};\nconst size_t rx_title_lower_npairs = %d;\n\n" % len(pairs))
    # general ranges from U+0250 (below that the Latin table answers)
    ranges = []
    prev = None
    for cp in range(0x0250, 0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        k = general_class(cp)
        if ranges and k == prev and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp, k])
            prev = k
    w("/* Classes of every code point from U+0250, as ranges sorted by their first code point. */\n")
    w("const rx_title_class_range rx_title_class_ranges[%d] = {\n" % len(ranges))
    for lo, hi, k in ranges:
        w("\t{0x%04X, 0x%04X, TC_%s},\n" % (lo, hi, k))
    w("};\nconst size_t rx_title_class_nranges = %d;\n" % len(ranges))
    return "".join(out)


# --------------------------------------------------------------------------
# The lexicon.  Ranks are written as rolelevel text and encoded below.

def enc(level):
    track, rank = level[0], int(level[1:])
    return {"P": 1, "M": 2, "E": 3}[track] * 100 + rank


ABBR = {
    # key: expansion, or (head form, modifier form) for positional ones
    "sr": "senior", "snr": "senior", "jr": "junior", "jnr": "junior",
    "eng": ("engineer", "engineering"), "engr": ("engineer", "engineering"),
    "mgr": "manager", "mngr": "manager", "mgmt": "management",
    "dev": ("developer", "development"), "ops": "operations",
    "admin": ("administrator", "administrative"),
    "sysadmin": ("systems administrator", "systems administration"),
    "assoc": "associate", "asst": "assistant", "dir": "director",
    "vp": "vice president", "svp": "senior vice president",
    "evp": "executive vice president", "avp": "associate vice president",
    "exec": "executive", "tech": ("technician", "technical"),
    "spec": "specialist", "coord": "coordinator", "rep": "representative",
    "acct": ("accountant", "account"), "hr": "human resources",
    "hrbp": "human resources business partner",
    "it": "information technology", "qa": "quality assurance",
    "sw": "software", "swe": ("software engineer", "software engineering"),
    "sre": ("site reliability engineer", "site reliability engineering"),
    "pm": ("project manager", "project management"),
    "ui": "user interface", "ux": "user experience", "ml": "machine learning",
    "ai": "artificial intelligence", "db": "database",
    "dba": ("database administrator", "database administration"),
    "sys": "systems", "infra": "infrastructure", "cust": "customer",
    "svc": "service", "sup": ("supervisor", "support"), "supv": "supervisor",
    "trnee": "trainee", "mktg": "marketing", "gm": "general manager",
    "ceo": "chief executive officer", "cfo": "chief financial officer",
    "coo": "chief operating officer", "cto": "chief technology officer",
    "cio": "chief information officer", "cmo": "chief marketing officer",
    "ciso": "chief information security officer",
    "chro": "chief human resources officer", "cno": "chief nursing officer",
    # common in HRIS exports and coders' indexes
    "acctg": "accounting", "maint": "maintenance", "dept": "department",
    "oper": ("operator", "operations"), "pres": "president", "mfg": "manufacturing",
    "whse": "warehouse", "equip": "equipment", "mech": ("mechanic", "mechanical"),
    "elec": ("electrician", "electrical"), "supt": "superintendent", "mgt": "management",
    "insp": "inspector", "instr": "instructor", "tchr": "teacher", "clk": "clerk",
    "supvr": "supervisor", "svcs": "services",
}

# Grade words removed wherever they stand (outside a complement).
GRADE = {"senior": "P3", "junior": "P1", "distinguished": "P6"}
# Intern-class grade words: P1, and P1 overrides a rank when the title ends with them.
INTERN = {"intern": "P1", "internship": "P1", "trainee": "P1", "apprentice": "P1"}
# Positional grade words: a level (and removed) before the head; the job itself as the head.
POSGRADE = {"staff": "P4", "lead": "P4", "principal": "P5", "associate": "P1", "fellow": "P6"}
# Rank nouns: (base, senior form, assistant/associate/junior form).
RANK = {
    "supervisor": ("M1", "M1", "M1"),
    "manager": ("M2", "M3", "M1"),
    "director": ("M4", "M5", "M3"),
    "president": ("E3", "E3", "E3"),
    "chief": ("E3", "E3", "E3"),
    # C-level abbreviations too ambiguous to expand (product/people/privacy,
    # data/digital, revenue/risk, security/strategy, compliance/commercial …)
    "cpo": ("E3", "E3", "E3"), "cdo": ("E3", "E3", "E3"), "cro": ("E3", "E3", "E3"),
    "cso": ("E3", "E3", "E3"), "cco": ("E3", "E3", "E3"), "cao": ("E3", "E3", "E3"),
    "cxo": ("E3", "E3", "E3"),
}
NUMERAL = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}
# Words that introduce a grade numeral ("Engineer Level 2"): they go with it.
GRADEWORD = {"level", "lvl", "grade"}
UP = {"senior"}
DOWN = {"assistant", "associate", "junior"}
EXEC = {"executive"}
COMPL = {"to", "of", "for"}
TRAINING = {"postdoctoral", "postdoc", "predoctoral", "doctoral", "graduate",
            "clinical", "teaching", "research", "medical"}
OFINTERNS = {"coordinator", "recruiter", "recruiting", "recruitment", "program",
             "programs", "programme", "mentor", "liaison", "advisor", "adviser",
             "manager", "supervisor", "director", "lead", "administrator",
             "relations"}
ACADEMIC = {"professor", "dean", "provost", "principal", "chair", "librarian",
            "counsel"}
NOTLEAD = {"generation", "gen", "qualification", "nurturing", "abatement",
           "paint", "poisoning"}
NOTSTAFF = {"augmentation", "scheduler", "scheduling", "development"}

# Work arrangements and contract terms removed at the end of a title even
# without punctuation (and in noise segments).
TAIL = {"remote", "hybrid", "onsite", "offsite", "wfh", "contract", "temp",
        "temporary", "prn", "fulltime", "parttime", "c2h", "seasonal",
        "freelance", "locum", "interim"}
# Noise removed wherever it stands: it never names a job.
ANYWHERE = {"fulltime", "parttime", "prn", "wfh", "c2h", "w2", "c2c"}
# Noise words: a segment made only of these (and glue) is removed.
NOISE = TAIL | {
    "contractor", "contractors", "perm", "permanent", "casual", "ft", "pt",
    "fte", "w2", "c2c", "corp", "nights", "days", "weekends", "weekend",
    "evenings", "evening", "overnight", "overnights", "shift", "shifts",
    "urgent", "immediate", "immediately", "asap", "hiring", "position",
    "positions", "role", "roles", "opening", "openings", "vacancy",
    "vacancies", "relocation", "relo", "sponsorship", "visa", "hourly",
    "salaried", "exempt", "nonexempt", "union", "nonunion", "time", "site",
    "home", "hire", "diem", "term", "month", "months", "week", "weeks", "mo",
    "mos", "yr", "yrs", "year", "years", "m", "w", "d", "f", "h", "x", "div",
    "genders", "gender", "diverse", "summer", "winter", "req", "reqs",
    # a site word alone in a segment ("- Store #1234", "- Head Office")
    "store", "branch", "location", "loc", "building", "bldg", "floor",
    "office", "campus",
    "requisition", "reqid", "ticket", "tkt", "ref", "refno", "jobid", "start",
}
GLUE = {"full", "part", "per", "on", "off", "work", "from", "fixed", "non",
        "to", "and", "or", "with", "only", "ok", "okay", "the", "of", "in",
        "at", "a", "an", "based", "possible", "option", "optional", "friendly",
        "preferred", "available", "eligible", "considered", "flexible",
        "required", "job", "jobs", "all", "any", "new", "day", "night", "up",
        "plus", "multiple", "various", "several", "open", "now", "same",
        "within", "near", "remotely", "fully", "partially", "mostly",
        "1st", "2nd", "3rd", "4th", "first", "second", "third", "swing",
        "graveyard", "rotating"}
# Requisition prefixes: removed with the number that follows them.  REQ3:
# only when that number has 3 or more digits.
REQ = {"req", "reqs", "requisition", "reqid", "ticket", "tkt", "ref", "refno",
       "jobid", "reference"}
REQ3 = {"jr", "r", "id", "no", "nr", "num", "number", "code", "job", "posting"}
# Words removed together with a requisition prefix that follows them.
REQLEAD = {"job", "req", "requisition", "ticket", "reference", "posting"}

US_STATES = """alabama alaska arizona arkansas california colorado connecticut delaware
florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine
maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada
hampshire jersey mexico york carolina dakota ohio oklahoma oregon pennsylvania rhode
tennessee texas utah vermont virginia washington wisconsin wyoming columbia puerto rico"""
CA_PROVINCES = """alberta manitoba brunswick newfoundland labrador scotia ontario quebec
saskatchewan yukon nunavut"""
COUNTRIES = """usa us america states canada brazil brasil argentina chile peru venezuela
ecuador uruguay paraguay bolivia panama guatemala honduras nicaragua salvador rica cuba
jamaica dominican haiti uk britain england scotland wales ireland france germany
deutschland spain espana portugal italy italia netherlands holland belgium luxembourg
switzerland austria poland czechia czech slovakia hungary romania bulgaria greece croatia
serbia slovenia bosnia albania macedonia montenegro kosovo denmark sweden norway finland
iceland estonia latvia lithuania ukraine belarus russia moldova armenia azerbaijan
turkey turkiye cyprus malta israel lebanon jordan syria iraq iran kuwait qatar bahrain
oman yemen saudi arabia uae emirates egypt morocco algeria tunisia libya nigeria ghana
kenya ethiopia uganda tanzania rwanda senegal cameroon angola zambia zimbabwe mozambique
botswana namibia africa india pakistan bangladesh lanka nepal china prc japan korea
taiwan mongolia vietnam thailand malaysia indonesia philippines cambodia laos myanmar
singapore australia zealand fiji kazakhstan uzbekistan kingdom"""
REGIONS = """emea apac amer amers americas latam eu europe asia pacific apj anz dach
benelux nordics nordic baltics balkans caribbean gcc mena oceania global worldwide
international nationwide anywhere locations hq headquarters middle"""
CITIES = """nyc manhattan brooklyn chicago houston phoenix philadelphia philly dallas austin
jacksonville columbus charlotte indianapolis seattle denver boston nashville detroit
portland memphis louisville baltimore milwaukee albuquerque tucson fresno sacramento
atlanta omaha raleigh miami oakland minneapolis tulsa tampa orlando cleveland pittsburgh
cincinnati honolulu anchorage richmond durham irvine plano boise madison newark stamford
hartford providence buffalo rochester albany sunnyvale cupertino redmond bellevue
cambridge princeton pasadena burbank scottsdale tempe chandler arlington alexandria
reston herndon mclean bethesda rockville boulder provo lehi spokane tacoma savannah
charleston greenville knoxville chattanooga lexington birmingham huntsville jackson
lincoln wichita dayton akron toledo lansing rapids sioux fargo billings cheyenne reno
henderson ogden christi lubbock amarillo laredo lauderdale palm tallahassee gainesville
petersburg sarasota rouge shreveport springfield peoria arbor alto menlo mountain clara
mateo redwood fremont hayward angeles anaheim riverside bernardino newport bakersfield
stockton modesto barbara mesa carlsbad jolla francisco jose diego antonio paso worth
moines orleans vegas louis salt kansas silicon bay twin delhi
london manchester leeds glasgow edinburgh bristol liverpool belfast cardiff dublin
oxford paris lyon marseille toulouse berlin munich munchen muenchen frankfurt hamburg
cologne koln stuttgart dusseldorf amsterdam rotterdam eindhoven utrecht brussels antwerp
zurich geneva basel lausanne bern vienna wien madrid barcelona valencia seville lisbon
porto milan milano rome roma turin torino florence bologna stockholm gothenburg malmo
oslo bergen copenhagen aarhus helsinki espoo tallinn riga vilnius warsaw warszawa krakow
wroclaw gdansk poznan prague praha brno bratislava budapest bucharest cluj sofia
belgrade zagreb ljubljana athens istanbul ankara kyiv kiev lviv minsk moscow tbilisi
yerevan aviv jerusalem haifa dubai dhabi doha riyadh jeddah cairo casablanca tunis lagos
abuja accra nairobi kampala kigali ababa johannesburg cape durban pretoria mumbai bombay
bangalore bengaluru hyderabad chennai madras pune kolkata calcutta ahmedabad gurgaon
gurugram noida jaipur kochi cochin coimbatore chandigarh indore trivandrum
thiruvananthapuram mysore karachi lahore islamabad dhaka colombo kathmandu lumpur
penang jakarta manila cebu makati bangkok hanoi minh saigon penh yangon tokyo osaka
kyoto yokohama nagoya fukuoka sapporo seoul busan beijing shanghai shenzhen guangzhou
hangzhou chengdu wuhan nanjing xian suzhou tianjin kong kowloon macau taipei hsinchu
taichung sydney melbourne brisbane perth adelaide canberra auckland wellington
christchurch toronto vancouver montreal ottawa calgary edmonton winnipeg halifax
victoria waterloo mississauga guadalajara monterrey tijuana bogota medellin lima
santiago aires cordoba montevideo paulo janeiro brasilia horizonte curitiba alegre
recife caracas quito"""
# Weak location words: count only beside a strong one (state and province
# codes, parts of place names, site words).
LOCWEAK = """al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo
mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy pr ab bc mb
nb nl ns nt nu on pe qc sk yt pei na nam new san santa los las el st saint fort port
mount north south east west northern southern eastern western central greater area
metro metropolitan city county region district beach lake valley springs island
islands heights village town township state province downtown coast united arab
great rio sao ho chi abu tel
buenos kuala hong des ann palo salt twin green grand little long"""

PHRASES = [
    # words, flags, grade, rank, replacement output
    (("full", "time"), {"TAIL", "NOISE", "ANY"}, None, None, None),
    (("part", "time"), {"TAIL", "NOISE", "ANY"}, None, None, None),
    (("per", "diem"), {"TAIL", "NOISE", "ANY"}, None, None, None),
    (("on", "site"), {"TAIL", "NOISE"}, None, None, None),
    (("off", "site"), {"TAIL", "NOISE"}, None, None, None),
    (("work", "from", "home"), {"TAIL", "NOISE", "ANY"}, None, None, None),
    (("contract", "to", "hire"), {"TAIL", "NOISE", "ANY"}, None, None, None),
    (("fixed", "term"), {"TAIL", "NOISE", "ANY"}, None, None, None),
    (("entry", "level"), {"GRADE"}, "P1", None, None),
    # level bands of role-card titles ("DevOps Engineering … Entry/Mid" is P1)
    (("entry", "mid"), {"GRADE"}, "P1", None, None),
    (("mid", "level"), {"GRADE"}, "P2", None, None),
    (("vice", "president"), {"RANK", "VP"}, None, ("E1", "E2", "M5"), None),
    (("team", "lead"), {"RANK"}, None, ("M1", "M1", "M1"), None),
    (("team", "leader"), {"RANK"}, None, ("M1", "M1", "M1"), None),
    (("managing", "director"), {"RANK"}, None, ("E2", "E2", "E2"), None),
    (("chief", "of", "staff"), set(), None, None, None),
    (("general", "counsel"), {"ACADEMIC"}, None, None, None),
]
# Special tokens made by the lexer ("&", "c++", "c#", "f#", ".net") and the
# dev ops join; they are plain words.
SPECIAL = {"and", "cpp", "csharp", "fsharp", "dotnet", "devops"}

FLAGS = ["ABBR", "POSABBR", "GRADE", "INTERN", "POSGRADE", "RANK", "UP", "DOWN",
         "EXEC", "NOISE", "TAIL", "GLUE", "LOC", "LOCWEAK", "REQ", "REQ3",
         "NUMERAL", "COMPL", "PHRASE_END", "TRAINING", "OFINTERNS", "ACADEMIC",
         "NOTLEAD", "NOTSTAFF", "VP", "REQLEAD", "ANY", "GRADEWORD"]


def words(s):
    return s.split()


def gen_lexicon():
    lex = {}

    def add(word, flag=None, **kw):
        e = lex.setdefault(word, dict(flags=set(), grade=None, rank=None, head=None, mod=None))
        if flag:
            e["flags"].add(flag)
        for k, v in kw.items():
            if v is not None:
                assert e[k] in (None, v), (word, k, e[k], v)
                e[k] = v
        return e

    for k, v in ABBR.items():
        if isinstance(v, tuple):
            add(k, "POSABBR", head=v[0], mod=v[1])
        else:
            add(k, "ABBR", head=v)
    for k, v in GRADE.items():
        add(k, "GRADE", grade=v)
    for k, v in INTERN.items():
        add(k, "GRADE", grade=v)
        add(k, "INTERN")
    for k, v in POSGRADE.items():
        add(k, "POSGRADE", grade=v)
    for k, v in RANK.items():
        add(k, "RANK", rank=v)
    for k, v in NUMERAL.items():
        add(k, "NUMERAL", grade="P%d" % v)
    for group, flag in ((UP, "UP"), (DOWN, "DOWN"), (EXEC, "EXEC"), (COMPL, "COMPL"),
                        (TRAINING, "TRAINING"), (OFINTERNS, "OFINTERNS"),
                        (ACADEMIC, "ACADEMIC"), (NOTLEAD, "NOTLEAD"),
                        (NOTSTAFF, "NOTSTAFF"), (TAIL, "TAIL"), (NOISE, "NOISE"),
                        (GLUE, "GLUE"), (REQ, "REQ"), (REQ3, "REQ3"),
                        (REQLEAD, "REQLEAD"), (ANYWHERE, "ANY"), (GRADEWORD, "GRADEWORD"),
                        (SPECIAL, None)):
        for k in group:
            add(k, flag)
    for text in (US_STATES, CA_PROVINCES, COUNTRIES, REGIONS, CITIES):
        for k in words(text):
            add(k, "LOC")
    for k in words(LOCWEAK):
        add(k, "LOCWEAK")
    for ws, flags, grade, rank, repl in PHRASES:
        for wd in ws:
            add(wd)
        add(ws[-1], "PHRASE_END")
    # every word of an expansion is itself in the lexicon
    for k, v in list(ABBR.items()):
        for form in (v if isinstance(v, tuple) else (v,)):
            for wd in words(form):
                add(wd)
    # words of a location must not be level, rank or abbreviation words
    for k, e in lex.items():
        if e["flags"] & {"LOC", "LOCWEAK"}:
            bad = e["flags"] & {"GRADE", "POSGRADE", "RANK", "NUMERAL", "ABBR", "POSABBR", "INTERN"}
            assert not bad, (k, bad)
    keys = sorted(lex)
    index = {k: i for i, k in enumerate(keys)}
    # checks the unit tests repeat in C
    for k in keys:
        e = lex[k]
        assert re.fullmatch(r"[a-z0-9]+", k), k
        assert len(k) <= 24, k
        for form in (e["head"], e["mod"]):
            if form is None:
                continue
            ws = words(form)
            assert len(ws) <= len(k), (k, form)          # word count bound
            assert len(form) + 1 <= RX_TITLE_GROWTH * len(k), (k, form)  # byte bound
            for wd in ws:
                assert not (lex[wd]["flags"] & {"ABBR", "POSABBR"}), (k, wd)
    # expansion word arrays
    exp = []

    def exp_ref(form):
        if form is None:
            return (0, 0)
        ws = words(form)
        off = len(exp)
        exp.extend(index[wd] for wd in ws)
        return (off, len(ws))

    rows = []
    for k in keys:
        e = lex[k]
        head = exp_ref(e["head"])
        mod = exp_ref(e["mod"]) if e["mod"] else head
        grade = int(e["grade"][1:]) if e["grade"] else 0
        rank = tuple(enc(r) for r in e["rank"]) if e["rank"] else (0, 0, 0)
        flags = " | ".join("TL_" + f for f in FLAGS if f in e["flags"]) or "0"
        rows.append((k, flags, grade, rank, head, mod))
    # first-byte index: entries [first[c], first[c+1]) start with byte c
    first = []
    for c in range(256):
        first.append(next((i for i, k in enumerate(keys) if ord(k[0]) >= c), len(keys)))
    first.append(len(keys))

    out = []
    w = out.append
    w("/*\n * title_lexicon.c — the word lists of the title normalizer.\n *\n")
    w(" * GENERATED by tools/gen_title_tables.py; do not edit.  doc/titles.md lists\n")
    w(" * what each class does.  test/unit/test_title.c checks that the entries are\n")
    w(" * sorted and unique and that every expansion keeps within RX_TITLE_GROWTH.\n */\n")
    w('#include "../title_tables.h"\n\n')
    w("/* Words of every expansion, as lexicon indices. */\n")
    w("const int16_t rx_title_exp_words[%d] = {\n" % max(1, len(exp)))
    for i in range(0, len(exp), 12):
        w("\t" + ", ".join(str(x) for x in exp[i:i + 12]) + ",\n")
    w("};\n\n")
    w("/* The lexicon, sorted by word (byte order). */\n")
    w("const rx_title_lexeme rx_title_lexicon[%d] = {\n" % len(rows))
    for k, flags, grade, rank, head, mod in rows:
        w("\t{\"%s\", %d, %s, %d, {%d, %d, %d}, %d, %d, %d, %d},\n" %
          (k, len(k), flags, grade, rank[0], rank[1], rank[2], head[0], head[1], mod[0], mod[1]))
    w("};\nconst size_t rx_title_lexicon_size = %d;\n\n" % len(rows))
    w("/* rx_title_lexicon[rx_title_lex_first[c] .. rx_title_lex_first[c + 1]) are the words starting with byte c. */\n")
    w("const uint16_t rx_title_lex_first[257] = {\n")
    for i in range(0, 257, 16):
        w("\t" + ", ".join(str(x) for x in first[i:i + 16]) + ",\n")
    w("};\n\n")
    w("/* Multi-word units, matched on their last word. */\n")
    w("const rx_title_phrase rx_title_phrases[%d] = {\n" % len(PHRASES))
    for ws, flags, grade, rank, repl in PHRASES:
        ids = [index[x] for x in ws] + [-1] * (4 - len(ws))
        fl = " | ".join("TL_" + f for f in FLAGS if f in flags) or "0"
        g = int(grade[1:]) if grade else 0
        r = tuple(enc(x) for x in rank) if rank else (0, 0, 0)
        w("\t{{%s}, %d, %s, %d, {%d, %d, %d}},\t/* %s */\n" %
          (", ".join(str(x) for x in ids), len(ws), fl, g, r[0], r[1], r[2], " ".join(ws)))
    w("};\nconst size_t rx_title_nphrases = %d;\n\n" % len(PHRASES))
    for name in ("dev", "ops", "devops", "and", "cpp", "csharp", "fsharp", "dotnet", "vice",
                 "lead", "staff", "fellow"):
        w("const int16_t RX_TITLE_LEX_%s = %d;\n" % (name.upper(), index[name]))
    return "".join(out), keys, lex


def main():
    # PostgreSQL 15 folds with Unicode 14.0; another version of Python's
    # tables would change which characters fold, and so what titles mean.
    if unicodedata.unidata_version != "14.0.0":
        sys.exit("gen_title_tables.py: Python's unicodedata is Unicode %s, not 14.0.0 "
                 "(use Debian 12's python3)" % unicodedata.unidata_version)
    outdir = sys.argv[1] if len(sys.argv) > 1 else GEN
    os.makedirs(outdir, exist_ok=True)
    fold = gen_fold()
    lexc, keys, lex = gen_lexicon()
    for name, text in (("title_fold.c", fold), ("title_lexicon.c", lexc)):
        tmp = os.path.join(outdir, name + ".tmp")
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, os.path.join(outdir, name))
    print("lexicon: %d words; fold tables written" % len(keys), file=sys.stderr)


if __name__ == "__main__":
    main()
