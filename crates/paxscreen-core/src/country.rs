//! Countries as ISO 3166-1 alpha-3 codes (plus the ICAO 9303 codes seen in documents).
//!
//! Watchlists name countries in prose ("Syrian Arab Republic", "Iraq"), documents and
//! messages use alpha-3 or alpha-2 codes (`SYR`, `SY`) and MRZs use ICAO codes
//! (`D<<` for Germany). Everything is mapped to one alpha-3 code so that nationality
//! evidence compares like with like.

use crate::date::ValueError;
use serde::Serialize;
type HashMap<K, V> = foldhash::HashMap<K, V>;
use std::fmt;
use std::sync::OnceLock;

/// A country or ICAO travel-document authority, as an upper-case three-letter code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Country([u8; 3]);

/// Serialized as its code, without the `String` a `serde(into)` would allocate.
impl Serialize for Country {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One row of the country table: alpha-2, alpha-3 and English names in upper case.
struct CountryRow {
    alpha2: &'static str,
    alpha3: &'static str,
    names: &'static [&'static str],
}

macro_rules! countries {
    ($( $a2:literal $a3:literal [$($n:literal),* $(,)?] ),* $(,)?) => {
        &[ $( CountryRow { alpha2: $a2, alpha3: $a3, names: &[$($n),*] } ),* ]
    };
}

// Generated from Debian iso-codes (iso_3166-1.json: name, common_name, official_name),
// upper-cased, with accent-free spellings and `ST.` forms added, then the variants that
// watchlists write (UN: "Iran (Islamic Republic of)"; OFAC: "Korea, North", "Burma")
// and the few demonyms OFAC remarks use as nationalities ("nationality Palestinian").
// Kosovo is not in ISO 3166-1; XK/XKX is the code the EU, ICAO and OFAC use for it.
static COUNTRIES: &[CountryRow] = countries![
    "AW" "ABW" ["ARUBA"],
    "AF" "AFG" ["AFGHANISTAN", "ISLAMIC REPUBLIC OF AFGHANISTAN", "AFGHAN"],
    "AO" "AGO" ["ANGOLA", "REPUBLIC OF ANGOLA"],
    "AI" "AIA" ["ANGUILLA"],
    "AX" "ALA" ["ÅLAND ISLANDS", "ALAND ISLANDS"],
    "AL" "ALB" ["ALBANIA", "REPUBLIC OF ALBANIA"],
    "AD" "AND" ["ANDORRA", "PRINCIPALITY OF ANDORRA"],
    "AE" "ARE" ["UNITED ARAB EMIRATES", "UAE", "EMIRATI"],
    "AR" "ARG" ["ARGENTINA", "ARGENTINE REPUBLIC"],
    "AM" "ARM" ["ARMENIA", "REPUBLIC OF ARMENIA"],
    "AS" "ASM" ["AMERICAN SAMOA"],
    "AQ" "ATA" ["ANTARCTICA"],
    "TF" "ATF" ["FRENCH SOUTHERN TERRITORIES"],
    "AG" "ATG" ["ANTIGUA AND BARBUDA"],
    "AU" "AUS" ["AUSTRALIA"],
    "AT" "AUT" ["AUSTRIA", "REPUBLIC OF AUSTRIA"],
    "AZ" "AZE" ["AZERBAIJAN", "REPUBLIC OF AZERBAIJAN"],
    "BI" "BDI" ["BURUNDI", "REPUBLIC OF BURUNDI"],
    "BE" "BEL" ["BELGIUM", "KINGDOM OF BELGIUM"],
    "BJ" "BEN" ["BENIN", "REPUBLIC OF BENIN"],
    "BQ" "BES" ["BONAIRE, SINT EUSTATIUS AND SABA"],
    "BF" "BFA" ["BURKINA FASO"],
    "BD" "BGD" ["BANGLADESH", "PEOPLE'S REPUBLIC OF BANGLADESH"],
    "BG" "BGR" ["BULGARIA", "REPUBLIC OF BULGARIA"],
    "BH" "BHR" ["BAHRAIN", "KINGDOM OF BAHRAIN", "BAHRAINI"],
    "BS" "BHS" ["BAHAMAS", "COMMONWEALTH OF THE BAHAMAS", "THE BAHAMAS", "BAHAMAS, THE"],
    "BA" "BIH" ["BOSNIA AND HERZEGOVINA", "REPUBLIC OF BOSNIA AND HERZEGOVINA", "BOSNIA-HERZEGOVINA", "BOSNIA", "BOSNIAN"],
    "BL" "BLM" ["SAINT BARTHÉLEMY", "ST. BARTHÉLEMY", "SAINT BARTHELEMY", "ST. BARTHELEMY"],
    "BY" "BLR" ["BELARUS", "REPUBLIC OF BELARUS", "BELARUSIAN"],
    "BZ" "BLZ" ["BELIZE"],
    "BM" "BMU" ["BERMUDA"],
    "BO" "BOL" ["BOLIVIA, PLURINATIONAL STATE OF", "BOLIVIA", "PLURINATIONAL STATE OF BOLIVIA", "BOLIVIA (PLURINATIONAL STATE OF)"],
    "BR" "BRA" ["BRAZIL", "FEDERATIVE REPUBLIC OF BRAZIL"],
    "BB" "BRB" ["BARBADOS"],
    "BN" "BRN" ["BRUNEI DARUSSALAM", "BRUNEI"],
    "BT" "BTN" ["BHUTAN", "KINGDOM OF BHUTAN"],
    "BV" "BVT" ["BOUVET ISLAND"],
    "BW" "BWA" ["BOTSWANA", "REPUBLIC OF BOTSWANA"],
    "CF" "CAF" ["CENTRAL AFRICAN REPUBLIC"],
    "CA" "CAN" ["CANADA"],
    "CC" "CCK" ["COCOS (KEELING) ISLANDS"],
    "CH" "CHE" ["SWITZERLAND", "SWISS CONFEDERATION"],
    "CL" "CHL" ["CHILE", "REPUBLIC OF CHILE"],
    "CN" "CHN" ["CHINA", "PEOPLE'S REPUBLIC OF CHINA", "CHINESE"],
    "CI" "CIV" ["CÔTE D'IVOIRE", "COTE D'IVOIRE", "REPUBLIC OF CÔTE D'IVOIRE", "REPUBLIC OF COTE D'IVOIRE", "IVORY COAST"],
    "CM" "CMR" ["CAMEROON", "REPUBLIC OF CAMEROON"],
    "CD" "COD" ["CONGO, THE DEMOCRATIC REPUBLIC OF THE", "DEMOCRATIC REPUBLIC OF THE CONGO", "CONGO, DEMOCRATIC REPUBLIC OF THE", "CONGO (DEMOCRATIC REPUBLIC OF THE)", "DR CONGO", "DRC", "ZAIRE", "CONGO-KINSHASA"],
    "CG" "COG" ["CONGO", "REPUBLIC OF THE CONGO", "CONGO, REPUBLIC OF THE", "CONGO-BRAZZAVILLE"],
    "CK" "COK" ["COOK ISLANDS"],
    "CO" "COL" ["COLOMBIA", "REPUBLIC OF COLOMBIA", "COLOMBIAN"],
    "KM" "COM" ["COMOROS", "UNION OF THE COMOROS"],
    "CV" "CPV" ["CABO VERDE", "REPUBLIC OF CABO VERDE", "CAPE VERDE"],
    "CR" "CRI" ["COSTA RICA", "REPUBLIC OF COSTA RICA"],
    "CU" "CUB" ["CUBA", "REPUBLIC OF CUBA"],
    "CW" "CUW" ["CURAÇAO", "CURACAO"],
    "CX" "CXR" ["CHRISTMAS ISLAND"],
    "KY" "CYM" ["CAYMAN ISLANDS"],
    "CY" "CYP" ["CYPRUS", "REPUBLIC OF CYPRUS"],
    "CZ" "CZE" ["CZECHIA", "CZECH REPUBLIC"],
    "DE" "DEU" ["GERMANY", "FEDERAL REPUBLIC OF GERMANY", "GERMAN"],
    "DJ" "DJI" ["DJIBOUTI", "REPUBLIC OF DJIBOUTI"],
    "DM" "DMA" ["DOMINICA", "COMMONWEALTH OF DOMINICA"],
    "DK" "DNK" ["DENMARK", "KINGDOM OF DENMARK"],
    "DO" "DOM" ["DOMINICAN REPUBLIC"],
    "DZ" "DZA" ["ALGERIA", "PEOPLE'S DEMOCRATIC REPUBLIC OF ALGERIA", "ALGERIAN"],
    "EC" "ECU" ["ECUADOR", "REPUBLIC OF ECUADOR"],
    "EG" "EGY" ["EGYPT", "ARAB REPUBLIC OF EGYPT", "EGYPTIAN"],
    "ER" "ERI" ["ERITREA", "THE STATE OF ERITREA", "ERITREAN"],
    "EH" "ESH" ["WESTERN SAHARA"],
    "ES" "ESP" ["SPAIN", "KINGDOM OF SPAIN"],
    "EE" "EST" ["ESTONIA", "REPUBLIC OF ESTONIA"],
    "ET" "ETH" ["ETHIOPIA", "FEDERAL DEMOCRATIC REPUBLIC OF ETHIOPIA", "ETHIOPIAN"],
    "FI" "FIN" ["FINLAND", "REPUBLIC OF FINLAND"],
    "FJ" "FJI" ["FIJI", "REPUBLIC OF FIJI"],
    "FK" "FLK" ["FALKLAND ISLANDS (MALVINAS)"],
    "FR" "FRA" ["FRANCE", "FRENCH REPUBLIC", "FRENCH"],
    "FO" "FRO" ["FAROE ISLANDS"],
    "FM" "FSM" ["MICRONESIA, FEDERATED STATES OF", "FEDERATED STATES OF MICRONESIA", "MICRONESIA", "MICRONESIA (FEDERATED STATES OF)"],
    "GA" "GAB" ["GABON", "GABONESE REPUBLIC"],
    "GB" "GBR" ["UNITED KINGDOM", "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "UK", "GREAT BRITAIN", "BRITAIN", "BRITISH"],
    "GE" "GEO" ["GEORGIA"],
    "GG" "GGY" ["GUERNSEY"],
    "GH" "GHA" ["GHANA", "REPUBLIC OF GHANA"],
    "GI" "GIB" ["GIBRALTAR"],
    "GN" "GIN" ["GUINEA", "REPUBLIC OF GUINEA"],
    "GP" "GLP" ["GUADELOUPE"],
    "GM" "GMB" ["GAMBIA", "REPUBLIC OF THE GAMBIA", "THE GAMBIA", "GAMBIA, THE"],
    "GW" "GNB" ["GUINEA-BISSAU", "REPUBLIC OF GUINEA-BISSAU"],
    "GQ" "GNQ" ["EQUATORIAL GUINEA", "REPUBLIC OF EQUATORIAL GUINEA"],
    "GR" "GRC" ["GREECE", "HELLENIC REPUBLIC"],
    "GD" "GRD" ["GRENADA"],
    "GL" "GRL" ["GREENLAND"],
    "GT" "GTM" ["GUATEMALA", "REPUBLIC OF GUATEMALA"],
    "GF" "GUF" ["FRENCH GUIANA"],
    "GU" "GUM" ["GUAM"],
    "GY" "GUY" ["GUYANA", "REPUBLIC OF GUYANA"],
    "HK" "HKG" ["HONG KONG", "HONG KONG SPECIAL ADMINISTRATIVE REGION OF CHINA", "HONG KONG SAR", "HONG KONG, CHINA"],
    "HM" "HMD" ["HEARD ISLAND AND MCDONALD ISLANDS"],
    "HN" "HND" ["HONDURAS", "REPUBLIC OF HONDURAS"],
    "HR" "HRV" ["CROATIA", "REPUBLIC OF CROATIA"],
    "HT" "HTI" ["HAITI", "REPUBLIC OF HAITI"],
    "HU" "HUN" ["HUNGARY"],
    "ID" "IDN" ["INDONESIA", "REPUBLIC OF INDONESIA", "INDONESIAN"],
    "IM" "IMN" ["ISLE OF MAN"],
    "IN" "IND" ["INDIA", "REPUBLIC OF INDIA", "INDIAN"],
    "IO" "IOT" ["BRITISH INDIAN OCEAN TERRITORY"],
    "IE" "IRL" ["IRELAND"],
    "IR" "IRN" ["IRAN, ISLAMIC REPUBLIC OF", "IRAN", "ISLAMIC REPUBLIC OF IRAN", "IRAN (ISLAMIC REPUBLIC OF)", "IRANIAN", "PERSIA"],
    "IQ" "IRQ" ["IRAQ", "REPUBLIC OF IRAQ", "IRAQI"],
    "IS" "ISL" ["ICELAND", "REPUBLIC OF ICELAND"],
    "IL" "ISR" ["ISRAEL", "STATE OF ISRAEL", "ISRAELI"],
    "IT" "ITA" ["ITALY", "ITALIAN REPUBLIC"],
    "JM" "JAM" ["JAMAICA"],
    "JE" "JEY" ["JERSEY"],
    "JO" "JOR" ["JORDAN", "HASHEMITE KINGDOM OF JORDAN", "JORDANIAN"],
    "JP" "JPN" ["JAPAN"],
    "KZ" "KAZ" ["KAZAKHSTAN", "REPUBLIC OF KAZAKHSTAN"],
    "KE" "KEN" ["KENYA", "REPUBLIC OF KENYA", "KENYAN"],
    "KG" "KGZ" ["KYRGYZSTAN", "KYRGYZ REPUBLIC"],
    "KH" "KHM" ["CAMBODIA", "KINGDOM OF CAMBODIA"],
    "KI" "KIR" ["KIRIBATI", "REPUBLIC OF KIRIBATI"],
    "KN" "KNA" ["SAINT KITTS AND NEVIS", "ST. KITTS AND NEVIS"],
    "KR" "KOR" ["KOREA, REPUBLIC OF", "SOUTH KOREA", "REPUBLIC OF KOREA", "KOREA, SOUTH", "KOREA (REPUBLIC OF)", "SOUTH KOREAN"],
    "KW" "KWT" ["KUWAIT", "STATE OF KUWAIT", "KUWAITI"],
    "LA" "LAO" ["LAO PEOPLE'S DEMOCRATIC REPUBLIC", "LAOS"],
    "LB" "LBN" ["LEBANON", "LEBANESE REPUBLIC", "LEBANESE"],
    "LR" "LBR" ["LIBERIA", "REPUBLIC OF LIBERIA"],
    "LY" "LBY" ["LIBYA", "LIBYAN ARAB JAMAHIRIYA", "STATE OF LIBYA", "LIBYAN"],
    "LC" "LCA" ["SAINT LUCIA", "ST. LUCIA"],
    "LI" "LIE" ["LIECHTENSTEIN", "PRINCIPALITY OF LIECHTENSTEIN"],
    "LK" "LKA" ["SRI LANKA", "DEMOCRATIC SOCIALIST REPUBLIC OF SRI LANKA"],
    "LS" "LSO" ["LESOTHO", "KINGDOM OF LESOTHO"],
    "LT" "LTU" ["LITHUANIA", "REPUBLIC OF LITHUANIA"],
    "LU" "LUX" ["LUXEMBOURG", "GRAND DUCHY OF LUXEMBOURG"],
    "LV" "LVA" ["LATVIA", "REPUBLIC OF LATVIA"],
    "MO" "MAC" ["MACAO", "MACAO SPECIAL ADMINISTRATIVE REGION OF CHINA", "MACAU"],
    "MF" "MAF" ["SAINT MARTIN (FRENCH PART)", "ST. MARTIN (FRENCH PART)"],
    "MA" "MAR" ["MOROCCO", "KINGDOM OF MOROCCO", "MOROCCAN"],
    "MC" "MCO" ["MONACO", "PRINCIPALITY OF MONACO"],
    "MD" "MDA" ["MOLDOVA, REPUBLIC OF", "MOLDOVA", "REPUBLIC OF MOLDOVA"],
    "MG" "MDG" ["MADAGASCAR", "REPUBLIC OF MADAGASCAR"],
    "MV" "MDV" ["MALDIVES", "REPUBLIC OF MALDIVES"],
    "MX" "MEX" ["MEXICO", "UNITED MEXICAN STATES", "MEXICAN"],
    "MH" "MHL" ["MARSHALL ISLANDS", "REPUBLIC OF THE MARSHALL ISLANDS"],
    "MK" "MKD" ["NORTH MACEDONIA", "REPUBLIC OF NORTH MACEDONIA", "NORTH MACEDONIA, THE REPUBLIC OF", "THE FORMER YUGOSLAV REPUBLIC OF MACEDONIA", "MACEDONIA"],
    "ML" "MLI" ["MALI", "REPUBLIC OF MALI", "MALIAN"],
    "MT" "MLT" ["MALTA", "REPUBLIC OF MALTA"],
    "MM" "MMR" ["MYANMAR", "REPUBLIC OF MYANMAR", "BURMA"],
    "ME" "MNE" ["MONTENEGRO"],
    "MN" "MNG" ["MONGOLIA"],
    "MP" "MNP" ["NORTHERN MARIANA ISLANDS", "COMMONWEALTH OF THE NORTHERN MARIANA ISLANDS"],
    "MZ" "MOZ" ["MOZAMBIQUE", "REPUBLIC OF MOZAMBIQUE"],
    "MR" "MRT" ["MAURITANIA", "ISLAMIC REPUBLIC OF MAURITANIA", "MAURITANIAN"],
    "MS" "MSR" ["MONTSERRAT"],
    "MQ" "MTQ" ["MARTINIQUE"],
    "MU" "MUS" ["MAURITIUS", "REPUBLIC OF MAURITIUS"],
    "MW" "MWI" ["MALAWI", "REPUBLIC OF MALAWI"],
    "MY" "MYS" ["MALAYSIA", "MALAYSIAN"],
    "YT" "MYT" ["MAYOTTE"],
    "NA" "NAM" ["NAMIBIA", "REPUBLIC OF NAMIBIA"],
    "NC" "NCL" ["NEW CALEDONIA"],
    "NE" "NER" ["NIGER", "REPUBLIC OF THE NIGER"],
    "NF" "NFK" ["NORFOLK ISLAND"],
    "NG" "NGA" ["NIGERIA", "FEDERAL REPUBLIC OF NIGERIA", "NIGERIAN"],
    "NI" "NIC" ["NICARAGUA", "REPUBLIC OF NICARAGUA"],
    "NU" "NIU" ["NIUE"],
    "NL" "NLD" ["NETHERLANDS", "KINGDOM OF THE NETHERLANDS", "THE NETHERLANDS", "HOLLAND", "DUTCH"],
    "NO" "NOR" ["NORWAY", "KINGDOM OF NORWAY"],
    "NP" "NPL" ["NEPAL", "FEDERAL DEMOCRATIC REPUBLIC OF NEPAL"],
    "NR" "NRU" ["NAURU", "REPUBLIC OF NAURU"],
    "NZ" "NZL" ["NEW ZEALAND"],
    "OM" "OMN" ["OMAN", "SULTANATE OF OMAN", "OMANI"],
    "PK" "PAK" ["PAKISTAN", "ISLAMIC REPUBLIC OF PAKISTAN", "PAKISTANI"],
    "PA" "PAN" ["PANAMA", "REPUBLIC OF PANAMA"],
    "PN" "PCN" ["PITCAIRN"],
    "PE" "PER" ["PERU", "REPUBLIC OF PERU"],
    "PH" "PHL" ["PHILIPPINES", "REPUBLIC OF THE PHILIPPINES", "FILIPINO"],
    "PW" "PLW" ["PALAU", "REPUBLIC OF PALAU"],
    "PG" "PNG" ["PAPUA NEW GUINEA", "INDEPENDENT STATE OF PAPUA NEW GUINEA"],
    "PL" "POL" ["POLAND", "REPUBLIC OF POLAND"],
    "PR" "PRI" ["PUERTO RICO"],
    "KP" "PRK" ["KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF", "NORTH KOREA", "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "KOREA, NORTH", "KOREA (DEMOCRATIC PEOPLE'S REPUBLIC OF)", "DPRK", "NORTH KOREAN"],
    "PT" "PRT" ["PORTUGAL", "PORTUGUESE REPUBLIC"],
    "PY" "PRY" ["PARAGUAY", "REPUBLIC OF PARAGUAY"],
    "PS" "PSE" ["PALESTINE, STATE OF", "THE STATE OF PALESTINE", "PALESTINE", "STATE OF PALESTINE", "OCCUPIED PALESTINIAN TERRITORY", "PALESTINIAN", "PALESTINIAN TERRITORIES", "PALESTINIAN TERRITORY", "GAZA", "GAZA STRIP", "WEST BANK", "WEST BANK AND GAZA"],
    "PF" "PYF" ["FRENCH POLYNESIA"],
    "QA" "QAT" ["QATAR", "STATE OF QATAR", "QATARI"],
    "RE" "REU" ["RÉUNION", "REUNION"],
    "RO" "ROU" ["ROMANIA"],
    "RU" "RUS" ["RUSSIAN FEDERATION", "RUSSIA", "RUSSIAN"],
    "RW" "RWA" ["RWANDA", "RWANDESE REPUBLIC"],
    "SA" "SAU" ["SAUDI ARABIA", "KINGDOM OF SAUDI ARABIA", "SAUDI"],
    "SD" "SDN" ["SUDAN", "REPUBLIC OF THE SUDAN", "SUDANESE"],
    "SN" "SEN" ["SENEGAL", "REPUBLIC OF SENEGAL"],
    "SG" "SGP" ["SINGAPORE", "REPUBLIC OF SINGAPORE"],
    "GS" "SGS" ["SOUTH GEORGIA AND THE SOUTH SANDWICH ISLANDS"],
    "SH" "SHN" ["SAINT HELENA, ASCENSION AND TRISTAN DA CUNHA", "ST. HELENA, ASCENSION AND TRISTAN DA CUNHA"],
    "SJ" "SJM" ["SVALBARD AND JAN MAYEN"],
    "SB" "SLB" ["SOLOMON ISLANDS"],
    "SL" "SLE" ["SIERRA LEONE", "REPUBLIC OF SIERRA LEONE"],
    "SV" "SLV" ["EL SALVADOR", "REPUBLIC OF EL SALVADOR"],
    "SM" "SMR" ["SAN MARINO", "REPUBLIC OF SAN MARINO"],
    "SO" "SOM" ["SOMALIA", "FEDERAL REPUBLIC OF SOMALIA", "SOMALI"],
    "PM" "SPM" ["SAINT PIERRE AND MIQUELON", "ST. PIERRE AND MIQUELON"],
    "RS" "SRB" ["SERBIA", "REPUBLIC OF SERBIA"],
    "SS" "SSD" ["SOUTH SUDAN", "REPUBLIC OF SOUTH SUDAN", "SOUTH SUDANESE"],
    "ST" "STP" ["SAO TOME AND PRINCIPE", "DEMOCRATIC REPUBLIC OF SAO TOME AND PRINCIPE"],
    "SR" "SUR" ["SURINAME", "REPUBLIC OF SURINAME"],
    "SK" "SVK" ["SLOVAKIA", "SLOVAK REPUBLIC"],
    "SI" "SVN" ["SLOVENIA", "REPUBLIC OF SLOVENIA"],
    "SE" "SWE" ["SWEDEN", "KINGDOM OF SWEDEN"],
    "SZ" "SWZ" ["ESWATINI", "KINGDOM OF ESWATINI", "SWAZILAND"],
    "SX" "SXM" ["SINT MAARTEN (DUTCH PART)"],
    "SC" "SYC" ["SEYCHELLES", "REPUBLIC OF SEYCHELLES"],
    "SY" "SYR" ["SYRIAN ARAB REPUBLIC", "SYRIA", "SYRIAN"],
    "TC" "TCA" ["TURKS AND CAICOS ISLANDS"],
    "TD" "TCD" ["CHAD", "REPUBLIC OF CHAD"],
    "TG" "TGO" ["TOGO", "TOGOLESE REPUBLIC"],
    "TH" "THA" ["THAILAND", "KINGDOM OF THAILAND"],
    "TJ" "TJK" ["TAJIKISTAN", "REPUBLIC OF TAJIKISTAN"],
    "TK" "TKL" ["TOKELAU"],
    "TM" "TKM" ["TURKMENISTAN"],
    "TL" "TLS" ["TIMOR-LESTE", "DEMOCRATIC REPUBLIC OF TIMOR-LESTE", "EAST TIMOR"],
    "TO" "TON" ["TONGA", "KINGDOM OF TONGA"],
    "TT" "TTO" ["TRINIDAD AND TOBAGO", "REPUBLIC OF TRINIDAD AND TOBAGO"],
    "TN" "TUN" ["TUNISIA", "REPUBLIC OF TUNISIA", "TUNISIAN"],
    "TR" "TUR" ["TÜRKIYE", "TURKIYE", "REPUBLIC OF TÜRKIYE", "REPUBLIC OF TURKIYE", "TURKEY", "REPUBLIC OF TURKEY", "TURKISH"],
    "TV" "TUV" ["TUVALU"],
    "TW" "TWN" ["TAIWAN, PROVINCE OF CHINA", "TAIWAN"],
    "TZ" "TZA" ["TANZANIA, UNITED REPUBLIC OF", "TANZANIA", "UNITED REPUBLIC OF TANZANIA"],
    "UG" "UGA" ["UGANDA", "REPUBLIC OF UGANDA"],
    "UA" "UKR" ["UKRAINE", "UKRAINIAN"],
    "UM" "UMI" ["UNITED STATES MINOR OUTLYING ISLANDS"],
    "UY" "URY" ["URUGUAY", "EASTERN REPUBLIC OF URUGUAY"],
    "US" "USA" ["UNITED STATES", "UNITED STATES OF AMERICA", "AMERICAN"],
    "UZ" "UZB" ["UZBEKISTAN", "REPUBLIC OF UZBEKISTAN"],
    "VA" "VAT" ["HOLY SEE (VATICAN CITY STATE)", "HOLY SEE", "VATICAN", "VATICAN CITY"],
    "VC" "VCT" ["SAINT VINCENT AND THE GRENADINES", "ST. VINCENT AND THE GRENADINES"],
    "VE" "VEN" ["VENEZUELA, BOLIVARIAN REPUBLIC OF", "VENEZUELA", "BOLIVARIAN REPUBLIC OF VENEZUELA", "VENEZUELA (BOLIVARIAN REPUBLIC OF)", "VENEZUELAN"],
    "VG" "VGB" ["VIRGIN ISLANDS, BRITISH", "BRITISH VIRGIN ISLANDS"],
    "VI" "VIR" ["VIRGIN ISLANDS, U.S.", "VIRGIN ISLANDS OF THE UNITED STATES"],
    "VN" "VNM" ["VIET NAM", "VIETNAM", "SOCIALIST REPUBLIC OF VIET NAM"],
    "VU" "VUT" ["VANUATU", "REPUBLIC OF VANUATU"],
    "WF" "WLF" ["WALLIS AND FUTUNA"],
    "WS" "WSM" ["SAMOA", "INDEPENDENT STATE OF SAMOA"],
    "XK" "XKX" ["KOSOVO", "REPUBLIC OF KOSOVO", "KOSOVAR"],
    "YE" "YEM" ["YEMEN", "REPUBLIC OF YEMEN", "YEMENI"],
    "ZA" "ZAF" ["SOUTH AFRICA", "REPUBLIC OF SOUTH AFRICA"],
    "ZM" "ZMB" ["ZAMBIA", "REPUBLIC OF ZAMBIA"],
    "ZW" "ZWE" ["ZIMBABWE", "REPUBLIC OF ZIMBABWE"],
];

// ICAO 9303 part 3 codes that are not ISO 3166-1 alpha-3 (documents and MRZs).
static ICAO_CODES: &[(&str, &str)] = &[
    ("D", "DEU"),
    ("D<<", "DEU"),
    ("GBD", "GBR"),
    ("GBN", "GBR"),
    ("GBO", "GBR"),
    ("GBS", "GBR"),
    ("GBP", "GBR"),
    // ICAO's code for Kosovo documents.
    ("RKS", "XKX"),
];
// ICAO codes kept as they are: stateless, refugee, UN and EU documents.
static ICAO_SPECIAL: &[&str] = &[
    "XXA", "XXB", "XXC", "XXX", "UNO", "UNA", "UNK", "EUE", "XOM", "XPO", "XCC", "XBA", "XIM",
    "XDC", "XES", "XMP",
];

/// Upper-case name -> alpha-3, built once: `from_name` runs for every nationality and
/// document of every list entry, and the table has about a thousand names.
fn name_index() -> &'static HashMap<&'static str, &'static str> {
    static INDEX: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    INDEX.get_or_init(|| {
        COUNTRIES
            .iter()
            .flat_map(|r| r.names.iter().map(move |n| (*n, r.alpha3)))
            .collect()
    })
}

/// Upper-case code -> alpha-3 for every code `from_code` accepts without its `<` padding
/// (ICAO document codes first, then alpha-2, alpha-3 and the ICAO codes kept as they
/// are), built once: snapshots deserialize a nationality per list entry through it.
fn code_index() -> &'static HashMap<&'static str, &'static str> {
    static INDEX: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: HashMap<&'static str, &'static str> = HashMap::default();
        for r in COUNTRIES {
            m.entry(r.alpha3).or_insert(r.alpha3);
            m.entry(r.alpha2).or_insert(r.alpha3);
        }
        for c in ICAO_SPECIAL {
            m.entry(c).or_insert(c);
        }
        for (c, a3) in ICAO_CODES {
            m.insert(c, a3);
        }
        m
    })
}

impl Country {
    /// Reads an ISO alpha-3 or alpha-2 code, or an ICAO 9303 document code
    /// (case-insensitive, `<` padding ignored). Unknown codes are refused.
    pub fn from_code(code: &str) -> Result<Country, ValueError> {
        let trimmed = code.trim();
        if trimmed.len() == 3 && trimmed.bytes().all(|b| b.is_ascii_uppercase()) {
            if let Some(a3) = code_index().get(trimmed) {
                return Ok(Country::raw(a3));
            }
        }
        let up = trimmed.to_ascii_uppercase();
        let err = |reason| ValueError {
            what: "country code",
            value: code.to_string(),
            reason,
        };
        if let Some((_, a3)) = ICAO_CODES.iter().find(|(c, _)| *c == up) {
            return Ok(Country::raw(a3));
        }
        let up = up.trim_end_matches('<');
        match up.len() {
            2 => COUNTRIES
                .iter()
                .find(|r| r.alpha2 == up)
                .map(|r| Country::raw(r.alpha3))
                .ok_or_else(|| err("not an ISO 3166-1 alpha-2 code")),
            3 => {
                if COUNTRIES.iter().any(|r| r.alpha3 == up) || ICAO_SPECIAL.contains(&up) {
                    Ok(Country::raw(up))
                } else {
                    Err(err("not an ISO 3166-1 alpha-3 or ICAO code"))
                }
            }
            _ => Err(err("expected a two- or three-letter code")),
        }
    }

    /// Maps an English country name as written on watchlists ("Syrian Arab Republic",
    /// "Iraq", "Korea, North", "Türkiye") to its code; falls back to
    /// [`Country::from_code`] for codes. Case, curly apostrophes, repeated spaces, a
    /// trailing full stop and a leading "the" do not matter.
    pub fn from_name(name: &str) -> Option<Country> {
        let up: String = name
            .trim()
            .chars()
            .flat_map(|c| {
                // Lists mix typographic and ASCII apostrophes (People’s / People's).
                let c = if c == '\u{2019}' || c == '\u{2018}' {
                    '\''
                } else {
                    c
                };
                // Unicode upper case: "Türkiye" must become "TÜRKIYE", not "TüRKIYE".
                c.to_uppercase()
            })
            .collect();
        let up = up.split_whitespace().collect::<Vec<_>>().join(" ");
        let map = name_index();
        // "VIRGIN ISLANDS, U.S." ends in a full stop of its own; others only in prose.
        let bare = up.trim_end_matches('.').trim_end();
        let found = [up.as_str(), bare]
            .into_iter()
            .chain(bare.strip_prefix("THE "))
            .find_map(|n| map.get(n));
        if let Some(a3) = found {
            return Some(Country::raw(a3));
        }
        Country::from_code(bare).ok()
    }

    fn raw(a3: &str) -> Country {
        let b = a3.as_bytes();
        Country([b[0], b[1], b[2]])
    }

    /// The three-letter code.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("country codes are ASCII")
    }

    /// Whether the code names a nationality: false for ICAO's codes of stateless
    /// persons (XXA), refugees (XXB, XXC), an unspecified nationality (XXX) and the
    /// documents of organisations (UNO, EUE, XPO, ...), which say nothing of the
    /// country a person belongs to: a Syrian refugee's travel document gives XXB.
    pub fn is_nationality(&self) -> bool {
        // Asked for every candidate entry: most codes are told by their first letter.
        !matches!(self.0[0], b'E' | b'U' | b'X')
            || !ICAO_SPECIAL.iter().any(|c| c.as_bytes() == self.0)
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

deserialize_from_str!(Country, "a three-letter country code", Country::from_code);

impl From<Country> for String {
    fn from(c: Country) -> String {
        c.as_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn codes_and_names() {
        assert_eq!(Country::from_code("SY").unwrap().as_str(), "SYR");
        assert_eq!(Country::from_code("syr").unwrap().as_str(), "SYR");
        assert_eq!(Country::from_code("D<<").unwrap().as_str(), "DEU");
        assert!(Country::from_code("QQQ").is_err());
        assert_eq!(
            Country::from_name("Syrian Arab Republic").unwrap().as_str(),
            "SYR"
        );
        assert_eq!(Country::from_name("IRAQ").unwrap().as_str(), "IRQ");
    }

    #[test]
    fn the_code_index_agrees_with_the_tables() {
        // Upper-case three-letter codes take the index; lower case takes the tables.
        for &code in code_index().keys().filter(|c| c.len() == 3) {
            let fast = Country::from_code(code).unwrap();
            let slow = Country::from_code(&code.to_ascii_lowercase()).unwrap();
            assert_eq!(fast, slow, "{code}");
        }
        assert_eq!(Country::from_code("GBD").unwrap().as_str(), "GBR");
        assert_eq!(Country::from_code("RKS").unwrap().as_str(), "XKX");
        assert_eq!(Country::from_code("XXA").unwrap().as_str(), "XXA");
        // Every special code (the first-letter test must not let one through).
        for code in ICAO_SPECIAL {
            assert!(
                !Country::from_code(code).unwrap().is_nationality(),
                "{code}"
            );
        }
        for code in ["SYR", "DEU", "XKX"] {
            assert!(Country::from_code(code).unwrap().is_nationality(), "{code}");
        }
        assert!(Country::from_code("SYX").is_err());
    }

    #[test]
    fn table_is_complete_and_consistent() {
        // 249 ISO 3166-1 entries plus Kosovo.
        assert_eq!(COUNTRIES.len(), 250);
        let mut a2 = std::collections::HashSet::new();
        let mut a3 = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        for r in COUNTRIES {
            assert!(a2.insert(r.alpha2), "duplicate {}", r.alpha2);
            assert!(a3.insert(r.alpha3), "duplicate {}", r.alpha3);
            for n in r.names {
                assert!(names.insert(*n), "name {n} on two rows");
                assert_eq!(
                    Country::from_name(n).map(|c| c.to_string()),
                    Some(r.alpha3.to_string()),
                    "{n}"
                );
            }
            assert_eq!(Country::from_code(r.alpha2).unwrap().as_str(), r.alpha3);
            assert_eq!(Country::from_code(r.alpha3).unwrap().as_str(), r.alpha3);
        }
    }

    #[test]
    fn watchlist_variants() {
        let cases = [
            ("Iran (Islamic Republic of)", "IRN"),
            ("Russian Federation", "RUS"),
            ("United Republic of Tanzania", "TZA"),
            ("Democratic People's Republic of Korea", "PRK"),
            ("Democratic People\u{2019}s Republic of Korea", "PRK"),
            ("Korea, North", "PRK"),
            ("Korea, South", "KOR"),
            ("Viet Nam", "VNM"),
            ("Türkiye", "TUR"),
            ("TÜRKIYE", "TUR"),
            ("Turkiye", "TUR"),
            ("Turkey", "TUR"),
            ("State of Palestine", "PSE"),
            ("Occupied Palestinian Territory", "PSE"),
            ("Palestinian", "PSE"),
            ("Kosovo", "XKX"),
            ("Libyan Arab Jamahiriya", "LBY"),
            ("Bolivia (Plurinational State of)", "BOL"),
            ("Venezuela (Bolivarian Republic of)", "VEN"),
            ("Congo, Democratic Republic of the", "COD"),
            ("Democratic Republic of the Congo", "COD"),
            ("Congo", "COG"),
            ("North Macedonia, The Republic of", "MKD"),
            ("Burma", "MMR"),
            ("The Gambia", "GMB"),
            ("Cabo Verde", "CPV"),
            ("Côte d'Ivoire", "CIV"),
            ("Cote d'Ivoire", "CIV"),
            ("Hong Kong", "HKG"),
            ("Taiwan", "TWN"),
            ("Saint Kitts and Nevis", "KNA"),
            (
                "United Kingdom of Great Britain and Northern Ireland",
                "GBR",
            ),
            ("  united   states.", "USA"),
            ("XKX", "XKX"),
            ("ps", "PSE"),
        ];
        for (name, code) in cases {
            assert_eq!(
                Country::from_name(name).map(|c| c.to_string()),
                Some(code.to_string()),
                "{name}"
            );
        }
        // A dissolved state is not a current nationality: refused rather than guessed.
        assert_eq!(Country::from_name("former Soviet Union"), None);
        assert_eq!(Country::from_name(""), None);
    }

    #[test]
    fn serde_round_trip() {
        let c = Country::from_name("Viet Nam").unwrap();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, "\"VNM\"");
        assert_eq!(serde_json::from_str::<Country>(&json).unwrap(), c);
        assert!(serde_json::from_str::<Country>("\"QQQ\"").is_err());
    }

    /// The nationality strings of the real UN and OFAC files (read as plain text, so
    /// this crate needs no XML or CSV parser) must map, apart from a few that name no
    /// current country ("former Soviet Union"). Skipped when the data is absent.
    #[test]
    fn real_watchlist_nationalities_map() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/watchlists");
        let mut values: Vec<String> = Vec::new();
        for file in [
            "un_consolidated_2026-05-08.xml",
            "un_consolidated_2026-01-28.xml",
        ] {
            let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
                eprintln!("skipped: {file} not found");
                return;
            };
            for block in text.split("<NATIONALITY>").skip(1) {
                let block = block.split("</NATIONALITY>").next().unwrap_or("");
                for v in block.split("<VALUE>").skip(1) {
                    values.push(v.split('<').next().unwrap_or("").trim().to_string());
                }
            }
            for tag in ["<ISSUING_COUNTRY>", "<COUNTRY_OF_ISSUE>"] {
                for v in text.split(tag).skip(1) {
                    values.push(v.split('<').next().unwrap_or("").trim().to_string());
                }
            }
        }
        let Ok(sdn) = std::fs::read(dir.join("ofac_sdn_2024-05-03.csv")) else {
            eprintln!("skipped: sdn file not found");
            return;
        };
        let sdn = String::from_utf8_lossy(&sdn);
        for part in sdn.split([';', '"']) {
            let p = part.trim().trim_start_matches("alt. ");
            for key in ["nationality ", "citizen "] {
                if let Some(v) = p.strip_prefix(key) {
                    let v = v.trim_end_matches('.').trim();
                    // OFAC hedges some values ("possibly Palestinian").
                    values.push(v.trim_start_matches("possibly ").to_string());
                }
            }
        }
        let mut failed: BTreeMap<&str, usize> = BTreeMap::new();
        for v in values.iter().filter(|v| !v.is_empty()) {
            if Country::from_name(v).is_none() {
                *failed.entry(v.as_str()).or_default() += 1;
            }
        }
        let total = values.iter().filter(|v| !v.is_empty()).count();
        let bad: usize = failed.values().sum();
        eprintln!("{total} nationality/issuer strings, {bad} unmapped: {failed:?}");
        assert!(total > 5000, "only {total} strings found");
        assert!(bad * 100 <= total, "{bad} of {total} unmapped: {failed:?}");
    }
}
