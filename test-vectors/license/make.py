#!/usr/bin/env python3
"""Writes identifiers.json and codes.json (run from this directory).

The inputs are typed in from specs/e-license.md (sections named per test);
derived values (check characters, findings, problems) are computed by the
small, independent implementation of the e-license.md algorithms below, not
by gmseal. tests/vectors.rs checks gmseal against them.
"""
import json

# --- e-license.md §3.2: ISO/IEC 7064 MOD 37,36 -------------------------------
A36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def m3736_run(s):
    p, t = 36, 0
    for ch in s:
        if ch not in A36:
            return None
        t = (p + A36.index(ch)) % 36
        t = 36 if t == 0 else t
        p = (2 * t) % 37
    return p, t


def m3736_check(s):
    r = m3736_run(s) if s else None
    return None if r is None else A36[(37 - r[0]) % 36]


def m3736_valid(s):
    r = m3736_run(s)
    return len(s) >= 2 and r is not None and r[1] == 1


# --- e-license.md §6: code checks ------------------------------------------
USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"
PROVINCES = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
             "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
             "63", "64", "65", "71", "81", "82"}


def org_check(body):
    t = sum(int(c, 36) * w for c, w in zip(body, [3, 7, 9, 10, 5, 8, 4, 2]))
    c = 11 - t % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def uscc_check(first17):
    t = sum(USCC.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    c = 31 - t % 31
    return USCC[0 if c == 31 else c]


def length(code, n):
    if code == "":
        return {"kind": "empty"}
    if len(code) != n:
        return {"kind": "bad-length", "expected": n, "found": len(code)}
    return None


def bad_char(code, ok, upto):
    for i, c in enumerate(code[:upto]):
        if not ok(c):
            return {"kind": "bad-character", "position": i + 1, "ch": c}
    return None


def uscc_problem(code):
    p = length(code, 18) or bad_char(code, lambda c: c in USCC, 17)
    if p:
        return p
    e = uscc_check(code[:17])
    if e != code[17]:
        return {"kind": "bad-check-character", "expected": e, "found": code[17]}
    o = org_check(code[8:16])
    if o != code[16]:
        return {"kind": "bad-organization-code", "expected": o, "found": code[16]}
    return None


def is_date(y, m, d):
    days = [31, 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return 1 <= m <= 12 and 1 <= d <= days[m - 1]


def id_check(first17):
    t = sum(int(c) * w for c, w in zip(first17, [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]))
    return "10X98765432"[t % 11]


def citizen_problem(code):
    if len(code) == 15 and code.isdigit() and code.isascii():
        return {"kind": "old-format"}
    p = length(code, 18) or bad_char(code, lambda c: c in "0123456789", 17)
    if p:
        return p
    e = id_check(code[:17])
    if e != code[17]:
        return {"kind": "bad-check-character", "expected": e, "found": code[17]}
    y, m, d = int(code[6:10]), int(code[10:12]), int(code[12:14])
    if not (1850 <= y <= 2099 and is_date(y, m, d)):
        return {"kind": "bad-birth-date", "date": code[6:14]}
    if code[:2] not in PROVINCES:
        return {"kind": "unknown-province", "prefix": code[:2]}
    return None


def org_problem(code):
    if code == "":
        return {"kind": "empty"}
    if len(code) == 10:
        if code[8] != "-":
            i = next((i for i, c in enumerate(code) if c == "-" and i != 8), 8)
            return {"kind": "bad-character", "position": i + 1, "ch": code[i]}
        body, check = code[:8], code[9]
    elif len(code) == 9:
        body, check = code[:8], code[8]
    else:
        return {"kind": "bad-length", "expected": 9, "found": len(code)}
    p = bad_char(body, lambda c: c in A36, 8)
    if p:
        return p
    e = org_check(body)
    return None if e == check else {"kind": "bad-check-character", "expected": e, "found": check}


def area_problem(code):
    p = length(code, 6) or bad_char(code, lambda c: c in "0123456789", 6)
    if p:
        return p
    if code == "100000" or code[:2] in PROVINCES:
        return None
    return {"kind": "unknown-province", "prefix": code[:2]}


def holder_problem(type_code, code):
    if type_code == "001":
        return uscc_problem(code)
    if type_code == "111":
        return citizen_problem(code)
    return {"kind": "empty"} if code.strip() == "" else None


# --- e-license.md §3.1: identifiers ----------------------------------------
ROOT = "1.2.156.3005.2."


def parse(ident):
    """(segments, findings) or None when the structure is broken."""
    if not ident.startswith(ROOT):
        return None
    seg = ident[len(ROOT):].split(".")
    if len(seg) != 5:
        return None
    t, i, s, v, c = seg
    if any(x == "" or any(ch not in A36 for ch in x) for x in (t, i, s, c)):
        return None
    if v == "" or not all(ch in "0123456789" for ch in v) or len(c) != 1:
        return None
    e = m3736_check(t + i + s + v)
    f = []
    if len(ident) > 128:
        f.append({"kind": "too-long", "length": len(ident)})
    if len(t) != 21:
        f.append({"kind": "type-code-length", "length": len(t)})
    p = uscc_problem(t[:18]) if len(t) >= 18 else {"kind": "bad-length", "expected": 18, "found": len(t)}
    if p:
        f.append({"kind": "type-code-definer-not-uscc", "problem": p})
    p = uscc_problem(i)
    if p:
        f.append({"kind": "issuer-not-uscc", "problem": p})
    if len(s) < 4:
        f.append({"kind": "unusual-serial", "length": len(s)})
    if len(v) != 3 or v == "000":
        f.append({"kind": "unusual-version", "version": v})
    if e != c:
        f.append({"kind": "check-character-mismatch", "expected": e, "found": c})
    return (t, i, s, v, c, e), f


def build(t, i, s, v):
    ok = (len(t) == 21 and all(c in A36 for c in t) and uscc_problem(i) is None
          and s != "" and all(c in A36 for c in s)
          and len(v) == 3 and v.isdigit() and v != "000")
    if not ok:
        return None
    ident = f"{ROOT}{t}.{i}.{s}.{v}.{m3736_check(t + i + s + v)}"
    return ident if len(ident) <= 128 else None


def numbered(groups):
    n = 0
    for g in groups:
        for t in g["tests"]:
            n += 1
            t["tcId"] = n
    return n


def test(comment, flags=(), **fields):
    # tcId first (numbered later), flags last.
    return {"tcId": 0, "comment": comment, **fields, "flags": list(flags)}


def write(name, algorithm, source, notes, groups):
    n = numbered(groups)
    doc = {
        "algorithm": algorithm,
        "schema": "gmseal-vectors-v1",
        "generatedBy": "test-vectors/license/make.py (values from specs/e-license.md; see test-vectors/README.md)",
        "source": source,
        "numberOfTests": n,
        "notes": notes,
        "testGroups": groups,
    }
    with open(name, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")


# --- identifiers.json --------------------------------------------------------
def mod_test(comment, value, flags=()):
    body = value[:-1]
    return test(comment, flags, value=value, checkCharacter=m3736_check(body),
                result="valid" if m3736_valid(value) else "invalid")


mod_tests = [
    mod_test("jprante MOD3736Tests", "A12425GABC1234002M", ["GenericVector"]),
    mod_test("jprante MOD3736Tests", "B159D8FA01240000K", ["GenericVector"]),
    mod_test("jprante MOD3736Tests", "188166C7342000003", ["GenericVector"]),
    mod_test("§3.3 worked example, segments 2-5 + check", "11100000000013338W01111430000006122244L20230000403001U"),
    mod_test("§3.4 Zhejiang, segments 2-5 + check", "11100000000013338W00911330105002500287C2025052201002" + "0"),
    mod_test("§3.4 Jilin, segments 2-5 + check", "11100000000013338W03211220000013544541J2430599001F"),
    mod_test("§3.4 Hefei, segments 2-5 + check", "11100000MB03271699022340100000000016001" + "9"),
    mod_test("§3.4 Shandong with the correct D", "11100000000013661B006113700000045046442209FA4E88F9E4C878F3E9BED2CE7EA49001D"),
    mod_test("§3.4 Shandong as published (M, from a buggy generator)", "11100000000013661B006113700000045046442209FA4E88F9E4C878F3E9BED2CE7EA49001M", ["WrongCheckCharacter"]),
    mod_test("generic vector, last character changed", "A12425GABC1234002N", ["WrongCheckCharacter"]),
    mod_test("generic vector, two characters swapped", "B159D8FA01204000K", ["WrongCheckCharacter"]),
    test("lower case is outside the alphabet", ["BadCharacter"], value="a12425GABC1234002M", checkCharacter=None, result="invalid"),
    test("one character is too short to carry a check", ["BadCharacter"], value="M", checkCharacter=None, result="invalid"),
]


def parse_test(comment, ident, flags=()):
    r = parse(ident)
    if r is None:
        return test(comment, flags, identifier=ident, result="invalid", errorCode="license.malformed-identifier")
    (t, i, s, v, c, e), f = r
    return test(comment, flags, identifier=ident, typeCode=t, issuerCode=i, serial=s, version=v,
                checkCharacter=c, expectedCheckCharacter=e, findings=f,
                result="valid" if not f else "invalid")


U = "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U"
parse_tests = [
    parse_test("§3.3 MOHURD sector spec example", U, ["Published"]),
    parse_test("§3.4 Zhejiang file name", "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0", ["RealWorld"]),
    parse_test("§3.4 Jilin data dump", "1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F", ["RealWorld"]),
    parse_test("§3.4 Hefei: area code 340100 as issuer, check correct", "1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9", ["RealWorld", "NonStandard"]),
    parse_test("§3.4 Shandong swagger example: M where MOD 37,36 gives D", "1.2.156.3005.2.11100000000013661B006.113700000045046442.209FA4E88F9E4C878F3E9BED2CE7EA49.001.M", ["RealWorld", "WrongCheckCharacter"]),
    parse_test("§3.3 example, check character changed", U[:-1] + "V", ["WrongCheckCharacter"]),
    parse_test("type code of 18 characters, serial of 2, version 000",
               "1.2.156.3005.2.11100000000013338W.11430000006122244L.AB.000." + m3736_check("11100000000013338W11430000006122244LAB000"), ["NonStandard"]),
    parse_test("type code whose definer part is not a USCC (X for W)", "1.2.156.3005.2.11100000000013338X011.11430000006122244L.20230000403.001." + m3736_check("11100000000013338X01111430000006122244L20230000403001"), ["NonStandard"]),
    parse_test("80-character serial: longer than 128 characters",
               "1.2.156.3005.2.11100000000013338W011.11430000006122244L." + "A" * 80 + ".001." + m3736_check("11100000000013338W01111430000006122244L" + "A" * 80 + "001"), ["NonStandard"]),
    parse_test("another root", "1.2.156.3005.3.11100000000013338W011.11430000006122244L.20230000403.001.U", ["Malformed"]),
    parse_test("no dot after the root", "1.2.156.3005.211100000000013338W011.11430000006122244L.20230000403.001.U", ["Malformed"]),
    parse_test("four segments", "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001", ["Malformed"]),
    parse_test("six segments", U + ".X", ["Malformed"]),
    parse_test("lower-case letter", U.replace("W", "w"), ["Malformed"]),
    parse_test("empty serial", "1.2.156.3005.2.11100000000013338W011.11430000006122244L..001.U", ["Malformed"]),
    parse_test("letter in the version", "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.0A1.U", ["Malformed"]),
    parse_test("two check characters", U + "U", ["Malformed"]),
    parse_test("trailing space", U + " ", ["Malformed"]),
    parse_test("empty", "", ["Malformed"]),
]


def build_test(comment, t, i, s, v, flags=()):
    ident = build(t, i, s, v)
    fields = dict(typeCode=t, issuerCode=i, serial=s, version=v)
    if ident is None:
        return test(comment, flags, **fields, result="invalid", errorCode="license.invalid-identifier-part")
    return test(comment, flags, **fields, identifier=ident, result="valid")


build_tests = [
    build_test("§3.3 example", "11100000000013338W011", "11430000006122244L", "20230000403", "001", ["Published"]),
    build_test("§3.4 Zhejiang", "11100000000013338W009", "11330105002500287C", "2025052201", "002", ["RealWorld"]),
    build_test("§3.4 Jilin", "11100000000013338W032", "11220000013544541J", "2430599", "001", ["RealWorld"]),
    build_test("§3.4 Shandong, with its 32-character serial", "11100000000013661B006", "113700000045046442", "209FA4E88F9E4C878F3E9BED2CE7EA49", "001", ["RealWorld"]),
    build_test("66-character serial: exactly 128 characters", "11100000000013338W011", "11430000006122244L", "9" * 66, "001"),
    build_test("67-character serial: 129 characters", "11100000000013338W011", "11430000006122244L", "9" * 67, "001"),
    build_test("§3.4 Hefei: an area code is not an issuer USCC", "11100000MB03271699022", "340100", "000000016", "001", ["NonStandard"]),
    build_test("issuer with a wrong USCC check character", "11100000000013338W011", "11430000006122244M", "20230000403", "001"),
    build_test("type code of 20 characters", "11100000000013338W01", "11430000006122244L", "20230000403", "001"),
    build_test("lower-case serial", "11100000000013338W011", "11430000006122244L", "abc", "001"),
    build_test("empty serial", "11100000000013338W011", "11430000006122244L", "", "001"),
    build_test("version 000", "11100000000013338W011", "11430000006122244L", "20230000403", "000"),
    build_test("version of one digit", "11100000000013338W011", "11430000006122244L", "20230000403", "1"),
]

write("identifiers.json", "GB/T 36904",
      "specs/e-license.md §3 (GB/T 36904 identifier, ISO/IEC 7064 MOD 37,36 per GB/T 17710-2008)",
      {
          "GenericVector": "a generic MOD 37,36 vector of jprante/elasticsearch-plugin-bundle (e-license.md §3.4)",
          "Published": "the identifier printed in a MOHURD sector specification (e-license.md §3.3)",
          "RealWorld": "an identifier issued or published by a deployed system (e-license.md §3.4)",
          "NonStandard": "structurally an identifier, with findings that a verifier reports as warnings",
          "WrongCheckCharacter": "the check character is not the MOD 37,36 one",
          "BadCharacter": "a character outside 0-9 A-Z: no check character can be computed",
          "Malformed": "not an identifier: parsing fails",
      },
      [
          {"type": "Mod3736Check", "source": "e-license.md §3.2, §3.4", "tests": mod_tests},
          {"type": "LicenseIdentifierParse", "source": "e-license.md §3.1, §3.4", "tests": parse_tests},
          {"type": "LicenseIdentifierBuild", "source": "e-license.md §3.1-§3.3", "tests": build_tests},
      ])


# --- codes.json --------------------------------------------------------------
def code_test(kind, comment, code, flags=()):
    fn = {"uscc": uscc_problem, "id": citizen_problem, "org": org_problem, "area": area_problem}[kind]
    p = fn(code)
    if p is None:
        return test(comment, flags, code=code, result="valid")
    return test(comment, flags, code=code, problem=p, result="invalid")


def with_check(first, fn):
    return first + fn(first)


bad_org_uscc = with_check("91330106MA2H0WQ18", uscc_check)
uscc_tests = [code_test("uscc", f"§6.1 valid example ({w})", c, ["StandardExample" if "32100" in w else "RealWorld"]) for c, w in [
    ("91350100M000100Y43", "GB 32100 worked example"),
    ("91110108551385082Q", "uscc-utils README"),
    ("91110000600037341L", "dataprep docs"),
    ("11100000000013338W", "MOHURD"),
    ("11220000013544541J", "Jilin housing department"),
    ("11430000006122244L", "issuer in the MOHURD identifier example"),
    ("113700000045046442", "issuer in the Shandong swagger example"),
    ("11100000MB0341032Y", "type definer in the Hubei generator example"),
    ("12440600MB2C07549J", "xbeginagain/generator#2"),
]] + [
    code_test("uscc", "§6.1 invalid: GB 32100 example with check Z", "91350100M000100Y4Z", ["StandardExample"]),
    code_test("uscc", "§6.1 invalid: regex-only validators accept it (check should be J)", "9A1234568378908767", ["RealWorld"]),
    code_test("uscc", "§6.1 invalid: from a Q&A page (check should be 7)", "91310115MA1G4L1WXK", ["RealWorld"]),
    code_test("uscc", "Σ mod 31 = 0: check 31 is written 0 (wellenzhong/cn-validator#2)", with_check("91330106310000102", uscc_check), ["ThirtyOneIsZero", "Constructed"]),
    code_test("uscc", "the same with check 1", "913301063100001021", ["ThirtyOneIsZero", "Constructed"]),
    code_test("uscc", "right USCC check, wrong embedded organization code", bad_org_uscc, ["Constructed"]),
    code_test("uscc", "the GB 11643 example ID number is not a USCC", "11010519491231002X", ["Pitfall"]),
    code_test("uscc", "I is not in the USCC set", "I1350100M000100Y43", ["Constructed"]),
    code_test("uscc", "lower case", "91350100m000100Y43", ["Constructed"]),
    code_test("uscc", "17 characters", "91350100M000100Y4", ["Constructed"]),
    code_test("uscc", "empty", "", ["Constructed"]),
    code_test("uscc", "sample holder of examples/data/business-license.json", "91330106MA2H0WQ17L", ["Constructed"]),
    code_test("uscc", "sample issuer of examples/data/business-license.json", "1133010600248917XL", ["Constructed"]),
    code_test("uscc", "sample issuer of examples/data/qualification.json", "11330000002482517J", ["Constructed"]),
]
id_tests = [
    code_test("id", "§6.2 standard example", "11010519491231002X", ["StandardExample"]),
    code_test("id", "§6.2 standard example", "440524188001010014", ["StandardExample"]),
    code_test("id", "wrong check character", "110105194912310021", ["Constructed"]),
    code_test("id", "lower-case x", "11010519491231002x", ["Constructed"]),
    code_test("id", "X inside", "1101051949123100X2", ["Constructed"]),
    code_test("id", "old 15-digit format of the first example", "110105491231002", ["OldFormat"]),
    code_test("id", "17 digits", "11010519491231002", ["Constructed"]),
    code_test("id", "birth date 1949-13-31, check right", with_check("11010519491331002", id_check), ["Constructed"]),
    code_test("id", "birth year 1800, check right", with_check("11010518000101002", id_check), ["Constructed"]),
    code_test("id", "province 99, check right", with_check("99010519491231002", id_check), ["Constructed"]),
]
org_tests = [
    code_test("org", "§6.3 standard example", "D2143569-X", ["StandardExample"]),
    code_test("org", "§6.3 standard example without hyphen", "D2143569X", ["StandardExample"]),
    code_test("org", "§6.3 inside 11100000000013338W", "00001333-8", ["RealWorld"]),
    code_test("org", "§6.3 inside 11220000013544541J", "01354454-1", ["RealWorld"]),
    code_test("org", "§6.3 inside the GB 32100 example", "M000100Y-4", ["StandardExample"]),
    code_test("org", "wrong check character", "D2143569-1", ["Constructed"]),
    code_test("org", "hyphen misplaced", "D214356-9X", ["Constructed"]),
    code_test("org", "lower case", "d2143569-X", ["Constructed"]),
    code_test("org", "8 characters", "D2143569", ["Constructed"]),
]
area_tests = [
    code_test("area", "§2.1 example (Jilin province)", "220000", ["RealWorld"]),
    code_test("area", "§3.4 Hefei", "340100", ["RealWorld"]),
    code_test("area", "area of the ID number examples", "110105", ["StandardExample"]),
    code_test("area", "national, as GB 32100 uses it", "100000", ["Constructed"]),
    code_test("area", "Macau", "820000", ["Constructed"]),
    code_test("area", "4 digits", "2200", ["Constructed"]),
    code_test("area", "a letter", "22000A", ["Constructed"]),
    code_test("area", "province 99", "990000", ["Constructed"]),
    code_test("area", "province 00", "000000", ["Constructed"]),
]


def holder_test(comment, type_code, code, flags=()):
    p = holder_problem(type_code, code)
    fields = dict(holderTypeCode=type_code, code=code)
    if p is None:
        return test(comment, flags, **fields, result="valid")
    return test(comment, flags, **fields, problem=p, result="invalid")


holder_tests = [
    holder_test("§6.1 pitfall: an ID number in a USCC slot (001) fails", "001", "11010519491231002X", ["Pitfall"]),
    holder_test("§6.1 pitfall: the same string as a citizen ID number (111) passes", "111", "11010519491231002X", ["Pitfall"]),
    holder_test("a USCC with type 001", "001", "91350100M000100Y43", ["StandardExample"]),
    holder_test("a USCC is not a citizen ID number", "111", "91350100M000100Y43", ["Pitfall"]),
    holder_test("099: any non-empty code", "099", "11010519491231002X", ["Unchecked"]),
    holder_test("414 passport: not checksum-validated", "414", "E12345678", ["Unchecked"]),
    holder_test("999: empty is invalid", "999", "", ["Unchecked"]),
    holder_test("unknown type 411: only non-empty", "411", "G12345678", ["Unchecked"]),
]

write("codes.json", "E-LICENSE-CODES",
      "specs/e-license.md §6 (GB 32100-2015 USCC, GB 11643-1999 citizen ID, GB 11714-1997 organization code, GB/T 2260 area code) and §2.2 (holder code types)",
      {
          "StandardExample": "an example printed in the standard (as widely reproduced, e-license.md §6)",
          "RealWorld": "a code from a deployed system or public data named in e-license.md §6",
          "Constructed": "made for the test; its check characters computed by make.py",
          "ThirtyOneIsZero": "the USCC sum is 0 mod 31, so the check value 31 is written 0",
          "Pitfall": "a code valid under one check and not the other: decide by the holder code type, never by the checksum",
          "OldFormat": "a 15-digit citizen ID number from before GB 11643-1999",
          "Unchecked": "a holder code type whose codes have no check: only a non-empty code is required",
      },
      [
          {"type": "UsccCheck", "source": "e-license.md §6.1", "tests": uscc_tests},
          {"type": "CitizenIdCheck", "source": "e-license.md §6.2", "tests": id_tests},
          {"type": "OrgCodeCheck", "source": "e-license.md §6.3", "tests": org_tests},
          {"type": "AreaCodeCheck", "source": "e-license.md §6.4", "tests": area_tests},
          {"type": "HolderCodeCheck", "source": "e-license.md §2.2, §6.1", "tests": holder_tests},
      ])
