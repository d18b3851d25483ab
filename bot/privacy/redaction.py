"""Redaction: phone numbers, e-mails, street addresses and ID numbers become tokens.

The words and tokens are data (``bot/knowledge/privacy.yml``). Phone numbers are found by
Google's libphonenumber (``phonenumbers.PhoneNumberMatcher``) for the countries in
``phone_regions`` (CL, MX, AR, ES), then by a hand pattern for what the library misses:
numbers glued to words, written with dots or odd separators, local numbers of one country
written while another is the "region" (measured in docs/operations.md, "Datos personales").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import phonenumbers

from bot.reading.text import fold
from bot.yaml_checks import DataError, check_text, load_yaml, require

PRIVACY_DATA_PATH = Path(__file__).resolve().parents[1] / "knowledge" / "privacy.yml"


class PrivacyDataError(DataError):
    """``privacy.yml`` is malformed; the message names the file, the entry and the problem."""


def _require(mapping: Any, key: str, kind: type, where: str, path: Path) -> Any:
    return require(mapping, key, kind, where, path, error=PrivacyDataError)


def _check_text(item: Any, where: str, path: Path) -> None:
    check_text(item, where, path, error=PrivacyDataError)


@dataclass(frozen=True)
class Redaction:
    """The compiled ``redaction`` section of ``privacy.yml``."""

    tokens: dict[str, str]
    url: re.Pattern
    email: re.Pattern
    documents: tuple[re.Pattern, ...]
    document_keyword: re.Pattern
    phone: re.Pattern
    money_words: frozenset[str]
    named_addresses: tuple[re.Pattern, ...]
    plain_addresses: tuple[re.Pattern, ...]
    address_intro_rest: re.Pattern
    street_joiners: frozenset[str]
    min_digits: int
    max_digits: int
    phone_regions: tuple[str, ...]


def _redaction(raw: dict, path: Path) -> Redaction:
    where = "redaction"
    tokens = _require(raw, "tokens", dict, where, path)
    for kind in ("phone", "email", "address", "document", "url_query", "text", "value"):
        _require(tokens, kind, str, f"{where}.tokens", path)
    min_digits = _require(raw, "phone_min_digits", int, where, path)
    max_digits = _require(raw, "phone_max_digits", int, where, path)
    def texts(key: str) -> list[str]:
        items = _require(raw, key, list, where, path)
        for i, item in enumerate(items):
            _check_text(item, f"{where}.{key}[{i}]", path)
        return items

    money = frozenset(fold(w) for w in texts("money_words"))
    doc_words = texts("document_words")
    street = texts("street_types")
    joiners = texts("street_name_joiners")
    stop = texts("street_name_stopwords")
    units = texts("unit_words")
    intros = texts("address_intros")
    hoods = texts("neighbourhood_words")
    postal = texts("postal_code_words")

    def alt(words: Iterable[str]) -> str:
        return "|".join(re.escape(str(w)).replace(r"\ ", r"\s+")
                        for w in sorted(set(map(str, words)), key=len, reverse=True))

    def word_alt(words: Iterable[str]) -> str:
        # Abbreviations may be written without their dot ("Av 5", "pje 3").
        parts = []
        for w in sorted(set(map(str, words)), key=len, reverse=True):
            esc = re.escape(w).replace(r"\ ", r"\s+")
            parts.append(esc[:-2] + r"\.?" if esc.endswith(r"\.") else esc)
        return "|".join(parts)

    name_word = (rf"(?!(?:{alt(stop)})(?![\w'’]))[^\W\d_][\w'’.]*")
    name = rf"(?:\d{{1,2}}\s+de\s+)?{name_word}(?:\s+{name_word}){{0,4}}"
    number = (r"(?:\s*,?\s*(?:#|n[°º.]?|nro\.?|núm\.?|num\.?|número|numero)?\s*"
              r"\d{1,5}(?:[a-zA-Z](?![\w]))?(?![\w])|\s+s/n\b)")
    unit = (rf"(?:\s*,?\s*(?:(?:{word_alt(units)})(?![\w])\.?\s*[\w°º-]{{1,6}}"
            r"|\d{1,2}\s*[°ºª]\s*[a-zA-Z]?(?![\w])))*")
    capital = r"[A-ZÁÉÍÓÚÑÜ][\wáéíóúñü'’.]*"
    joiner = rf"(?:(?:{alt(joiners)})\s+)*"
    # After "Av." or "c/" a space is optional; after "Avenida" it is required.
    street_types = rf"(?<![\w])(?i:{word_alt(street)})(?:(?<=[./])\s*|\s+)"
    named_addresses = (
        # "calle Sexta Oriente #425", "Av. Libertador 1234", "Pasaje Los Aromos 55 depto 3"
        re.compile(rf"{street_types}(?P<name>{name}){number}{unit}", re.IGNORECASE),
        # "vivo en Los Aromos 55"
        re.compile(rf"(?P<intro>(?<![\w])(?:{alt(intros)}))\s+(?P<name>{name}){number}{unit}",
                   re.IGNORECASE),
    )
    plain_addresses = (
        # "calle Sexta Oriente" (no number, but a capitalised name)
        re.compile(rf"{street_types}{joiner}{capital}(?:\s+{joiner}{capital}){{0,3}}"),
        # "col. Roma Norte"
        re.compile(rf"(?<![\w])(?i:{word_alt(hoods)})\s+{capital}(?:\s+{capital}){{0,2}}"),
        # "C.P. 78000"
        re.compile(rf"(?<![\w])(?i:{word_alt(postal)})\s*:?\s*\d{{4,7}}(?![\w])"),
    )
    intro_rest = re.compile(
        r"(?<![\w])(?i:mi\s+direcci[oó]n\s+es|su\s+direcci[oó]n\s+es|direcci[oó]n\s*:"
        r"|mi\s+domicilio\s+es|domicilio\s*:)\s*(?P<rest>[^.;\n]{3,80})")
    documents = (
        re.compile(r"(?<![\w.])\d{1,2}\.?\d{3}\.?\d{3}\s?-\s?[\dkK](?![\w])"),        # RUT
        re.compile(r"(?<![\w])[A-Z]{4}\d{6}[HM][A-Z]{5}[A-Z\d]\d(?![\w])", re.I),  # CURP
        re.compile(r"(?<![\w])[A-Z]{6}\d{8}[HM]\d{3}(?![\w])", re.I),                # INE
        re.compile(r"(?<![\w])[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}(?![\w])", re.I),           # RFC
        re.compile(r"(?<![\w])\d{8}-?[TRWAGMYFPDXBNJZSQVHLCKE](?![\w])", re.I),       # DNI
        re.compile(r"(?<![\w])[XYZ]-?\d{7}-?[A-Z](?![\w])", re.I),                    # NIE
    )
    keyword = re.compile(
        rf"(?<![\w])(?P<kw>{alt(doc_words)})(?![\w])"
        r"(?P<sep>(?:\s*(?:n[°º.o]?|nro\.?|número|numero|es|:|#))*\s*)"
        r"(?P<value>[\dA-Za-z][\dA-Za-z.\-]{5,}[\dA-Za-z])(?![\w])", re.I)
    regions = tuple(texts("phone_regions"))
    for region in regions:
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise PrivacyDataError(f"{path.name}: {where}.phone_regions: {region!r} is not a "
                                   "region code known to phonenumbers")
    return Redaction(
        tokens=dict(tokens),
        url=re.compile(r"(?i)(?<![\w@])(?:https?://|www\.|(?:[a-z0-9-]+\.)+[a-z]{2,}/)"
                       r"[^\s<>\"']+"),
        email=re.compile(r"(?i)(?<![\w.+-])[\w.+-]+(?:@|\s*\((?:at|arroba)\)\s*|\s*\[(?:at|"
                         r"arroba)\]\s*|\s+arroba\s+)[\w-]+(?:(?:\.|\s+punto\s+)[a-z]{2,})+"
                         r"(?![\w])"),
        documents=documents,
        document_keyword=keyword,
        phone=re.compile(r"(?<![\w*#+$€.,-])(?:\+\s?|\b00\s?)?\(?\d"
                         r"(?:[\s().\-]{0,3}\d){5,20}\)?(?![\w])"),
        money_words=money,
        named_addresses=named_addresses,
        plain_addresses=plain_addresses,
        address_intro_rest=intro_rest,
        street_joiners=frozenset(fold(j) for j in joiners),
        min_digits=min_digits,
        max_digits=max_digits,
        phone_regions=regions,
    )

def load_privacy_data(path: Path = PRIVACY_DATA_PATH) -> Redaction:
    """Read and compile ``privacy.yml``; raise :class:`PrivacyDataError` naming the entry."""
    path = Path(path)
    raw = load_yaml(path, error=PrivacyDataError)
    if not isinstance(raw, dict):
        raise PrivacyDataError(f"{path.name}: the file must be a mapping")
    return _redaction(_require(raw, "redaction", dict, "redaction", path), path)


_DATE_OR_TECH_RE = re.compile(
    r"^(?:\d{4}-\d{2}-\d{2}|\d{1,2}[-.]\d{1,2}[-.]\d{2,4}|\d+\.\d+|(?:19|20)\d{6}-?\d{6}"
    r"|\d{1,3}(?:\.\d{1,3}){3})$")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def _redact_urls(text: str, r: Redaction) -> str:
    def url(m: re.Match) -> str:
        found = m.group(0)
        trail = ""
        while found and found[-1] in ".,;:!?)»”'\"":
            trail = found[-1] + trail
            found = found[:-1]
        cut = min((i for i in (found.find("?"), found.find("#")) if i >= 0), default=-1)
        if cut >= 0:
            found = found[:cut] + "?" + r.tokens["url_query"]
        return found + trail

    return r.url.sub(url, text)


def _is_money(text: str, start: int, end: int, r: Redaction) -> bool:
    """The number at ``text[start:end]`` is an amount ("$ 1.500.000", "20000000 pesos")."""
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    next_word = fold(re.split(r"[^\w]", after, maxsplit=1)[0]) if after else ""
    return before.endswith(("$", "€")) or next_word in r.money_words


def _redact_library_phones(text: str, r: Redaction) -> str:
    """Replace the numbers libphonenumber finds valid in one of ``r.phone_regions``."""
    if sum(c.isdigit() for c in text) < r.min_digits:
        return text
    spans: list[tuple[int, int]] = []
    for region in r.phone_regions:
        for match in phonenumbers.PhoneNumberMatcher(text, region,
                                                     leniency=phonenumbers.Leniency.VALID):
            if not _is_money(text, match.start, match.end, r):
                spans.append((match.start, match.end))
    if not spans:
        return text
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:  # found for two regions, or overlapping
            continue
        out.append(text[last:start])
        out.append(r.tokens["phone"])
        last = end
    out.append(text[last:])
    return "".join(out)


def _redact_phones(text: str, r: Redaction) -> str:
    text = _redact_library_phones(text, r)

    def phone(m: re.Match) -> str:
        found = m.group(0)
        digits = sum(c.isdigit() for c in found)
        core = found.strip("()+ ")
        if digits < r.min_digits or _DATE_OR_TECH_RE.match(core):
            return found
        money = _is_money(m.string, m.start(), m.end(), r)
        if _THOUSANDS_RE.match(core):
            # "1.500.000" is money, "30.123.456" an ID, "612.345.678" a phone
            if money:
                return found
            if digits in (7, 8):
                return r.tokens["document"]
            return r.tokens["phone"] if digits >= 9 else found
        if money:
            return found
        if digits > r.max_digits:
            return r.tokens["document"]
        return r.tokens["phone"]

    return r.phone.sub(phone, text)


def _redact_addresses(text: str, r: Redaction) -> str:
    token = r.tokens["address"]

    def with_name(m: re.Match) -> str:
        name_words = [fold(w) for w in m.group("name").split()]
        if all(w in r.street_joiners or w.isdigit() for w in name_words):
            return m.group(0)
        intro = m.groupdict().get("intro")
        return f"{intro} {token}" if intro else token

    text = r.address_intro_rest.sub(
        lambda m: m.group(0)[:m.start("rest") - m.start()] + token, text)
    for pattern in r.named_addresses:
        text = pattern.sub(with_name, text)
    for pattern in r.plain_addresses:
        text = pattern.sub(token, text)
    return text


def redact(text: str) -> str:
    """Replace phone numbers, e-mails, street addresses and ID numbers with tokens.

    "+56 9 1234 5678" -> "[teléfono]", "ana@correo.cl" -> "[correo]", "Av. Libertador 1234"
    -> "[dirección]", "12.345.678-9" -> "[documento]". Short service numbers (133, 911,
    *4141, 016, 1455) are kept. URLs are kept, but their query string becomes "?[datos]".
    """
    if not text:
        return text
    r = DATA
    text = _redact_urls(text, r)
    text = r.email.sub(r.tokens["email"], text)
    text = r.document_keyword.sub(
        lambda m: m.group("kw") + m.group("sep") + r.tokens["document"]
        if any(c.isdigit() for c in m.group("value")) else m.group(0), text)
    for pattern in r.documents:
        text = pattern.sub(r.tokens["document"], text)
    text = _redact_phones(text, r)
    return _redact_addresses(text, r)


# --------------------------------------------------------------------------------------
# Log privacy
# --------------------------------------------------------------------------------------



DATA: Redaction = load_privacy_data()
