"""The phrase tables of :mod:`claimcheck.normalize.quantities`: hedges, range words,
scales, fractions, currencies, percent words and units. All keys are lowercase
except the ISO currency codes."""

from __future__ import annotations

from claimcheck.records import Hedge

# --------------------------------------------------------------------------
# Public tables (lowercase keys)
# --------------------------------------------------------------------------

#: Words written before a figure that qualify it ("more than 400,000").
HEDGE_PHRASES: dict[str, Hedge] = {
    **dict.fromkeys(
        [
            "about", "around", "approximately", "approx", "approx.", "roughly", "some",
            "nearly", "almost", "close to", "an estimated", "estimated", "circa", "ca.",
            "c.", "~", "≈", "around about", "just about", "in the region of",
            "in the order of", "on the order of", "an approximate", "approximate",
        ],
        Hedge.APPROX,
    ),
    **dict.fromkeys(
        [
            "more than", "over", "above", "exceeding", "exceeds", "exceeded", "in excess of",
            "upwards of", "upward of", "north of", "just over", "well over", "well above",
            "greater than", "higher than", "surpassing", "topping", ">",
        ],
        Hedge.MORE_THAN,
    ),
    **dict.fromkeys(
        [
            "at least", "no less than", "not less than", "no fewer than", "not fewer than",
            "a minimum of", "minimum of", "≥", ">=",
            "greater than or equal to", "more than or equal to", "equal to or greater than",
            "equal to or more than", "equal to or above",
        ],
        Hedge.AT_LEAST,
    ),
    **dict.fromkeys(
        [
            "less than", "fewer than", "under", "below", "just under", "just below",
            "well under", "well below", "lower than", "just shy of", "short of",
            "just short of", "<",
        ],
        Hedge.LESS_THAN,
    ),
    **dict.fromkeys(
        [
            "up to", "at most", "no more than", "not more than", "a maximum of",
            "maximum of", "as many as", "as much as", "as high as", "not exceeding",
            "no greater than", "≤", "<=",
            "less than or equal to", "fewer than or equal to", "equal to or less than",
            "equal to or fewer than", "equal to or below",
        ],
        Hedge.AT_MOST,
    ),
}

#: Words written after a figure that qualify it ("400,000 or more", "120+", "40-odd").
HEDGE_SUFFIXES: dict[str, Hedge] = {
    **dict.fromkeys(
        [
            "or more", "or above", "or over", "or higher", "or greater", "and more",
            "and above", "and over", "and up", "plus", "+", "-plus",
        ],
        Hedge.AT_LEAST,
    ),
    **dict.fromkeys(
        ["or less", "or fewer", "or below", "or under", "or lower", "and below", "and under"],
        Hedge.AT_MOST,
    ),
    **dict.fromkeys(["or so", "or thereabouts", "odd", "-odd"], Hedge.APPROX),
}

#: Words that open or join a range: "between X and Y", "from X to Y", "X to Y",
#: "X-Y", "X–Y" (en and em dashes are read as "–"), "X~Y".
RANGE_WORDS: frozenset[str] = frozenset(
    {"between", "from", "and", "to", "through", "-", "–", "~"}
)

_RANGE_OPENERS = ("between", "from")
_RANGE_SEPARATORS: dict[str | None, tuple[str, ...]] = {
    "between": ("and", "to", "-", "–"),
    "from": ("to", "through", "-", "–"),
    None: ("to", "through", "-", "–", "~"),
}

#: Multipliers written after a numeral ("1.2bn", "3.5 mln", "Rs 500 crore").
#: Plurals ("3 millions", "2 dozens") are non-standard but common in translated news.
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2,
    "dozen": 12, "dozens": 12,
    "thousand": 1e3, "thousands": 1e3, "k": 1e3,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "lkh": 1e5, "lkhs": 1e5,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6, "m": 1e6, "mm": 1e6,
    "crore": 1e7, "crores": 1e7, "krore": 1e7, "krores": 1e7, "cr": 1e7,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "trillion": 1e12, "trillions": 1e12, "tn": 1e12, "trn": 1e12, "trln": 1e12, "t": 1e12,
}

#: Scales that only count in money ("$3.2m", "$2.1T"); elsewhere "5m" is five
#: metres and "5t" five tonnes.
MONEY_ONLY_SCALES: frozenset[str] = frozenset({"m", "mm", "b", "t"})

#: Denominators of word fractions ("two thirds", "a quarter", "one-half", "five and a fifth").
FRACTION_WORDS: dict[str, int] = {
    **dict.fromkeys(["half", "halves"], 2),
    **dict.fromkeys(["third", "thirds"], 3),
    **dict.fromkeys(["quarter", "quarters", "fourth", "fourths"], 4),
    **{
        word + suffix: n
        for n, word in enumerate("fifth sixth seventh eighth ninth tenth".split(), start=5)
        for suffix in ("", "s")
    },
    **dict.fromkeys(["hundredth", "hundredths"], 100),
    **dict.fromkeys(["thousandth", "thousandths"], 1000),
}

#: Currency symbols and abbreviations, written before or after the figure.
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD",
    "hk$": "HKD", "s$": "SGD", "nz$": "NZD", "nt$": "TWD", "r$": "BRL", "mx$": "MXN",
    "u.s.$": "USD", "u.s$": "USD",
    "€": "EUR", "£": "GBP", "¥": "JPY", "cn¥": "CNY", "rmb": "CNY", "元": "CNY", "rm": "MYR",
    "₼": "AZN", "₽": "RUB", "₹": "INR", "rs": "INR", "rs.": "INR", "₺": "TRY", "tl": "TRY",
    "﷼": "IRR", "₩": "KRW", "₪": "ILS", "₴": "UAH", "₸": "KZT", "₾": "GEL", "֏": "AMD",
    "₦": "NGN", "₱": "PHP", "฿": "THB", "₫": "VND", "zł": "PLN",
    "₡": "CRC", "₭": "LAK",
}

#: ISO 4217 codes, matched only when written in capitals ("USD 1.2bn", "650 million USD").
CURRENCY_CODES: frozenset[str] = frozenset(
    """USD EUR GBP JPY CNY CHF CAD AUD NZD HKD SGD TWD KRW SEK NOK DKK ISK PLN CZK HUF RON
    BGN RSD RUB UAH BYN MDL KZT UZS KGS TJS TMT AZN AMD GEL TRY IRR IQD SAR AED QAR KWD
    BHD OMR JOD ILS EGP LBP SYP YER MAD TND DZD LYD PKR INR BDT LKR NPR AFN IDR MYR THB
    VND PHP BRL MXN ARS CLP COP PEN ZAR NGN KES ETB GHS XAF XOF CRC LAK""".split()
)

_DOLLAR_CODES = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "MXN"})


def _plural(words: str, code: str, *, plural: str = "s") -> dict[str, str]:
    """{"x": code, "x<plural>": code} for each comma-separated phrase in ``words``."""
    table: dict[str, str] = {}
    for word in words.split(","):
        word = word.strip()
        table[word] = code
        table[word + plural] = code
    return table


#: Currency names, written after the figure ("5 billion euros", "3 trillion rials").
#: "dollars" alone means USD by convention; "toman" (10 rials) is kept apart as "IRT".
CURRENCY_WORDS: dict[str, str] = {
    **_plural("dollar, us dollar, u.s. dollar, american dollar", "USD"),
    **_plural("canadian dollar", "CAD"),
    **_plural("australian dollar", "AUD"),
    **_plural("hong kong dollar", "HKD"),
    **_plural("singapore dollar", "SGD"),
    **_plural("new zealand dollar", "NZD"),
    **_plural("taiwan dollar, new taiwan dollar", "TWD"),
    **_plural("euro", "EUR"),
    **_plural("pound, british pound, pound sterling", "GBP"),
    "sterling": "GBP", "pounds sterling": "GBP",
    **_plural("egyptian pound", "EGP"),
    **_plural("lebanese pound", "LBP"),
    **_plural("syrian pound", "SYP"),
    "yen": "JPY", "japanese yen": "JPY",
    "yuan": "CNY", "chinese yuan": "CNY", "renminbi": "CNY",
    **_plural("swiss franc", "CHF"),
    **_plural("rupee, indian rupee", "INR"),
    **_plural("pakistani rupee", "PKR"),
    **_plural("sri lankan rupee", "LKR"),
    **_plural("nepalese rupee", "NPR"),
    **_plural("ruble, rouble, russian ruble, russian rouble", "RUB"),
    **_plural("lira, turkish lira", "TRY"),
    **_plural("manat, azerbaijani manat", "AZN"),
    **_plural("turkmen manat", "TMT"),
    **_plural("rial, iranian rial", "IRR"),
    **_plural("toman", "IRT"),
    **_plural("omani rial", "OMR"),
    **_plural("saudi riyal", "SAR"),
    **_plural("qatari riyal", "QAR"),
    **_plural("dram, armenian dram", "AMD"),
    **_plural("lari, georgian lari", "GEL"),
    "tenge": "KZT", "kazakh tenge": "KZT",
    **_plural("hryvnia, hryvna", "UAH"),
    "zloty": "PLN", "zlotys": "PLN",
    **_plural("forint", "HUF"),
    "won": "KRW", "south korean won": "KRW",
    "rand": "ZAR", "naira": "NGN", "rupiah": "IDR", "baht": "THB",
    **_plural("ringgit, malaysian ringgit", "MYR"),
    "dong": "VND", "somoni": "TJS",
    **_plural("uae dirham, emirati dirham", "AED"),
    **_plural("moroccan dirham", "MAD"),
    **_plural("iraqi dinar", "IQD"),
    **_plural("kuwaiti dinar", "KWD"),
    **_plural("jordanian dinar", "JOD"),
    **_plural("bahraini dinar", "BHD"),
    **_plural("shekel, new shekel", "ILS"),
    **_plural("afghani", "AFN"),
    "reais": "BRL", **_plural("brazilian real", "BRL"),
    **_plural("mexican peso", "MXN"),
    **_plural("argentine peso", "ARS"),
    **_plural("philippine peso", "PHP"),
    **_plural("colombian peso", "COP"),
    **_plural("chilean peso", "CLP"),
    "krona": "SEK", "kronor": "SEK", "swedish krona": "SEK", "swedish kronor": "SEK",
    "norwegian krone": "NOK", "norwegian kroner": "NOK",
    "danish krone": "DKK", "danish kroner": "DKK",
}

#: Currency subunits, 1/100 of a main unit. Standalone they read as the code given
#: ("50 cents" is 0.50 USD by the convention that makes bare "dollars" USD; "470
#: pence" 4.70 GBP); those mapped to None only count after a main amount, where
#: every subunit adds to it in the main unit's currency ("20 ringgit and 43 sen").
CURRENCY_SUBUNITS: dict[str, str | None] = {
    **dict.fromkeys(["cent", "cents", "¢"], "USD"),
    "pence": "GBP",
    **dict.fromkeys(
        ["penny", "pennies", "sen", "sens", "paisa", "paise", "kopek", "kopeks", "kopeck",
         "kopecks", "kopiyka", "kopiykas", "qəpik", "qapik", "tetri", "luma", "centime",
         "centimes", "fils", "halala", "halalas"],
        None,
    ),
}
_SUBUNIT_FACTOR = 0.01

#: Percent words. Values: "percent" or "percentage_point" (basis points are
#: converted, see ``UNIT_FACTORS``).
PERCENT_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ["%", "percent", "percents", "per cent", "per-cent", "pct", "pc", "percentage"], "percent"
    ),
    **dict.fromkeys(
        [
            "percentage point", "percentage points", "percentage-point", "percentage-points",
            "percentage pt", "percentage pts", "% point", "% points", "pp", "ppt", "ppts",
            "basis point", "basis points", "basis-point", "basis-points", "bp", "bps",
        ],
        "percentage_point",
    ),
}

#: Units of measure, normalised.
UNIT_WORDS: dict[str, str] = {
    **_plural("hectare", "hectare"), "ha": "hectare",
    **_plural("acre", "acre"),
    **_plural("cubic metre, cubic meter", "cubic_metre"),
    "cubic metres": "cubic_metre", "m3": "cubic_metre", "m³": "cubic_metre",
    "cu m": "cubic_metre", "bcm": "cubic_metre", "tcm": "cubic_metre", "mcm": "cubic_metre",
    "cubic feet": "cubic_foot", "cubic foot": "cubic_foot", "bcf": "cubic_foot",
    "tcf": "cubic_foot",
    **_plural("kilometre, kilometer", "km"), "km": "km", "kms": "km",
    **_plural("square kilometre, square kilometer", "sq_km"),
    "sq km": "sq_km", "sq. km": "sq_km", "km2": "sq_km", "km²": "sq_km",
    **_plural("square metre, square meter", "sq_m"),
    "sq m": "sq_m", "sq. m": "sq_m", "m2": "sq_m", "m²": "sq_m",
    **_plural("square mile", "sq_mile"), "sq mi": "sq_mile", "sq. mi": "sq_mile",
    **_plural("metre, meter", "m"), "m": "m",
    "mm": "mm", "cm": "cm",
    **_plural("mile", "mile"), "mi": "mile",
    "foot": "foot", "feet": "foot", "ft": "foot",
    "inch": "inch", "inches": "inch",
    **_plural("square foot", "sq_ft"), "square feet": "sq_ft", "sq ft": "sq_ft", "sq. ft": "sq_ft",
    "miles per hour": "mph", "miles an hour": "mph", "mph": "mph",
    "kilometres per hour": "km_h", "kilometers per hour": "km_h", "kilometres an hour": "km_h",
    "kilometers an hour": "km_h", "km/h": "km_h", "kph": "km_h",
    **_plural("tonne, ton, metric ton, metric tonne", "tonne"), "t": "tonne",
    **_plural("kilogram, kilo", "kg"), "kg": "kg", "kgs": "kg",
    **_plural("gram", "g"),
    "lb": "lb", "lbs": "lb",
    **_plural("ounce", "ounce"), "oz": "ounce",
    **_plural("litre, liter", "litre"),
    **_plural("millilitre, milliliter", "ml"), "ml": "ml",
    **_plural("gallon", "gallon"),
    **_plural("barrel", "barrel"), "bbl": "barrel", "bbls": "barrel",
    "barrels per day": "barrel_per_day", "barrels a day": "barrel_per_day",
    "bpd": "barrel_per_day", "b/d": "barrel_per_day", "bbl/d": "barrel_per_day",
    **_plural("megawatt", "MW"), "mw": "MW",
    **_plural("gigawatt", "GW"), "gw": "GW",
    **_plural("kilowatt", "kW"), "kw": "kW",
    **_plural("watt-hour, watt hour", "Wh"), "wh": "Wh",
    **_plural("kilowatt-hour, kilowatt hour", "kWh"), "kwh": "kWh",
    **_plural("megawatt-hour, megawatt hour", "MWh"), "mwh": "MWh",
    **_plural("gigawatt-hour, gigawatt hour", "GWh"), "gwh": "GWh",
    **_plural("terawatt-hour, terawatt hour", "TWh"), "twh": "TWh",
    "teu": "TEU", "teus": "TEU",
    **dict.fromkeys(
        ["°c", "degree celsius", "degrees celsius", "degree centigrade", "degrees centigrade"],
        "celsius",
    ),
    **dict.fromkeys(["°f", "degree fahrenheit", "degrees fahrenheit"], "fahrenheit"),
}

#: Multiples implied by a unit or percent word: "2 bcm" is 2e9 cubic metres,
#: "50 bps" 0.5 percentage points.
UNIT_FACTORS: dict[str, float] = {
    "bcm": 1e9, "tcm": 1e12, "mcm": 1e6, "bcf": 1e9, "tcf": 1e12,
    **dict.fromkeys(
        ["basis point", "basis points", "basis-point", "basis-points", "bp", "bps"], 0.01
    ),
}

# "3.5 × 10^9"
_TIMES = ("×", "x", "*")

# One-letter units only count in lowercase ("5 m", not "5 M").
_LOWERCASE_ONLY = frozenset({"m", "t"})
