"""Campaign results: orders and UTM analytics matched to creators, with cost, CPA, ROI and ROAS.

- Orders export (Shopify's "Export orders" CSV, English or French headers, or any CSV mapped with --map
  "Header=field"): an order matches a creator by its discount code (case-, accent- and
  punctuation-insensitive: `links.code_key`, so a sheet's "lea-v10" matches "LEAV10"). Shopify writes one
  row per line item and the order's totals on the first: rows are grouped by `Name`. An aggregated export
  (one row per code with its orders count and their total) is read as counts (ORDER_COUNT).
- Excluded: orders with a `Cancelled at` date or a cancelled status (cancelled, annulé(e)); orders whose
  financial status is refunded or voided (remboursé(e)), or whose refunded amount covers the total. A
  partial refund lowers the order's revenue. A row with a negative total is a refund line, not an order:
  it is left out (`orders.refund_lines`, with a warning) rather than netted, because the refund is
  normally already carried by its order's status or refunded amount and netting would count it twice.
- `--window DAYS`: only orders from the creator's `published_on` to `published_on + DAYS` count; orders
  of a creator without `published_on` are kept and counted in `orders.window_unchecked`.
- UTM analytics exports (utm_content, sessions, orders/transactions, revenue) match by utm_content =
  handle. Code sales and UTM sales overlap (a buyer who clicks the link often types the code too) and
  cannot be deduplicated without order ids, so a creator's `orders` and `revenue` are the larger of
  the two sources, never their sum.
- People: rows of one creator (same `creator`, same sheet row -- a wide sheet gives one row per account
  -- or same promo code) are one person. cost = the person's price_quoted on rows at stage deal or
  published (the price paid; a range "300-500 €" counts its middle, 400, with a warning: `list_price`,
  the one reading `report` and `score` count a price by), counted once per sheet row, and a price repeated on several rows of the
  person counted once (a warning names it: two deals at the same price would need two amounts).
  CPA = cost / orders, ROAS = revenue / cost, ROI = (revenue - cost) / cost.
- Currencies are never converted nor added together. `currencies` lists those of the counted orders and
  costs; `totals.by_currency` gives code orders, code revenue and cost per currency. When several
  currencies are present the summed money totals (revenue, cost, CPA, ROI, ROAS) are null and a warning
  says so; a creator whose orders are in several currencies has a null revenue, one whose revenue and
  cost differ in currency no ROI/ROAS, with `currency` null and a warning. A creator at a paid stage
  without a price has an unknown (null) cost, not 0.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InfluError, UsageError
from ..outreach import clean_stage
from ..reports import Report
from ..table import Table
from ..text import code_key, count, fold_key, name_key

SCHEMA = "influkit.results/1"

ORDER_FIELDS: dict[str, tuple[str, ...]] = {
    "order_id": ("name", "order", "order id", "order name", "order number", "commande", "numero de commande"),
    "created_at": ("created at", "order date", "date", "created", "processed at", "date de commande", "cree le",
                   "creee le", "date de creation"),
    "code": ("discount code", "discount codes", "promo code", "code promo", "coupon", "coupon code",
             "code de reduction", "codes de reduction", "code reduction", "code"),
    "total": ("total", "total price", "total sales", "amount", "montant", "montant total"),
    "currency": ("currency", "devise"),
    "financial_status": ("financial status", "payment status", "statut financier", "statut du paiement",
                         "statut de paiement", "status", "statut"),
    "cancelled_at": ("cancelled at", "canceled at", "annulee le", "annule le", "date d annulation"),
    "refunded": ("refunded amount", "refunds", "refunded", "montant rembourse", "rembourse"),
}
# An aggregated sales export (one row per code: "Code de réduction;Commandes;Ventes nettes", Shopify's
# "Sales by discount") gives each row's orders count: `--map "Header=orders"`, or a header naming orders in
# the plural or with a count word ("Commandes", "Nb commandes", "Nombre de commandes", "Orders", "# orders",
# "Number of orders", "Order count") over cells that are all whole numbers, in an export without an order
# date column (an export with one has a row per order). Not an ORDER_FIELDS field: `report --map
# "Header=orders"` names a posts sheet's orders column.
ORDER_COUNT = "orders"
_COUNT_PLURALS = frozenset({"orders", "commandes"})
_COUNT_SINGULARS = frozenset({"order", "commande"})
_COUNT_WORDS = frozenset({"count", "nb", "nbr", "nbre", "nombre", "qty", "quantite"})  # not "number", "no": ids
_NOT_COUNT = frozenset({"id", "ids", "numero", "n", "no", "name", "nom", "ref", "reference", "date", "total", "montant",
                        "amount", "value", "valeur", "statut", "status", "code", "codes", "devise", "currency",
                        "moyen", "moyenne", "average", "avg", "panier", "taux", "rate", "note", "notes"})
SHOPIFY_HEADERS: dict[str, str] = {
    "order_id": "name", "created_at": "created at", "code": "discount code", "total": "total",
    "currency": "currency", "financial_status": "financial status", "cancelled_at": "cancelled at",
    "refunded": "refunded amount",
}
UTM_FIELDS: dict[str, tuple[str, ...]] = {
    "utm_content": ("utm content", "session manual ad content", "first user manual ad content", "ad content"),
    "utm_campaign": ("utm campaign", "session campaign", "campaign"),
    "sessions": ("sessions", "visits", "users"),
    "orders": ("orders", "transactions", "conversions", "purchases", "ecommerce purchases"),
    "revenue": ("revenue", "total revenue", "purchase revenue", "ecommerce revenue", "transaction revenue"),
}
# financial statuses (as `fold_key` gives them) that exclude an order, English and French
EXCLUDED_STATUSES = ("refunded", "voided", "void", "rembourse", "remboursee", "rembourses", "remboursees",
                     "annulation du paiement")
CANCELLED_STATUSES = ("cancelled", "canceled", "annule", "annulee", "annules", "annulees", "failed", "echouee",
                      "echoue")
PAID_STAGES = ("deal", "published")
SOURCES = ("shopify", "csv")


def price_is_cost(stage: Any, *, posted: bool = False) -> bool:
    """Whether a list row's price is the cost of its creator in the campaign (one rule for `results` and
    `report`): a price agreed, at stage deal or published. A quote at an earlier stage (contacted, replied,
    negotiating) or a lost one (declined, no_reply) is no cost, even when a post was recorded. `posted`: the
    creator's post is in the report, so a row without any stage has reached published."""
    found = clean_stage(stage)
    return found in PAID_STAGES or (posted and found is None)


def list_price(price: Any, high: Any, currency: Any) -> tuple[float, float, str | None] | None:
    """A list row's price, the one reading `results`, `report` (and, through `counted_amount`, `score`)
    count it by: (as written: a range's low end, as counted: a range's middle -- "300-500 €" counts 400 --,
    its currency: the currency column's, else the one written in the price); None without a price that
    reads as an amount ("sur devis"). `high` is the row's `price_quoted_high`."""
    from ..io.parse import ParseError, counted_amount, detect_currency, parse_money

    if price in (None, "") or isinstance(price, bool):
        return None
    try:
        read = price if isinstance(price, int | float) else parse_money(str(price))
    except ParseError:
        return None
    if read is None:  # "sur devis": no amount
        return None
    amount = float(read)
    cur = (str(currency).upper() if currency else None) or (detect_currency(price) if isinstance(price, str)
                                                             else None)
    return amount, counted_amount(amount, high), cur


def range_warning(who: Any, amount: float, high: Any, counted: float) -> str:
    """What `results` and `report` say of a price range counted by its middle (`list_price`)."""
    return f"{who}: the list's price is a range ({amount:g}-{float(high):g}): its middle, {counted:g}, is the cost"


@dataclass
class Order:
    order_id: str
    created_at: dt.date | None
    codes: list[str]
    total: float
    currency: str | None
    row: int
    # a date after today (`clock.today`): the warning naming the file, row and column (`read_orders`)
    warning: str | None = None
    count: int = 1  # the orders the row stands for: an aggregated export's row of a code (ORDER_COUNT)


@dataclass
class Person:
    creator: str | None
    handles: list[str]
    codes: set[str]
    cost: float = 0.0
    currency: str | None = None
    costs: dict[str, float] = field(default_factory=dict)  # currency ("" unknown) -> cost
    published_on: dt.date | None = None
    code_orders: int = 0
    code_revenue: float = 0.0
    sessions: int = 0
    utm_orders: int = 0
    utm_revenue: float = 0.0
    currencies: set[str] = field(default_factory=set)  # of costs and counted orders ("" unknown)
    order_money: dict[str, list[Any]] = field(default_factory=dict)  # currency -> [orders, revenue]
    paid: bool = False  # at stage deal or published on some row
    written: dict[str, str] = field(default_factory=dict)  # code key -> the code as the sheet writes it


def _read_csv(path: str) -> tuple[list[str], list[list[str]]]:
    from ..io.read import decode_text, sniff_delimiter

    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()  # ("-": an export piped in)
    except OSError as exc:
        raise InfluError(f"cannot read: {exc.strerror or exc}", file=path) from exc
    if data[:4] == b"PK\x03\x04":
        raise InfluError("this is an Excel file: export the orders as CSV", file=path)
    text, _ = decode_text(data)
    rows = list(csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text)))
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise InfluError("empty file", file=path)
    return rows[0], rows[1:]


# An export's own words for a field when no header is one of its names: a header holding one of the
# `needs` words (and, with `with_`, one of those too) and none of the `not_` words ("Total TTC", "Order
# Total Amount", "Code promo utilisé", "Coupon Code(s)", "Date de la commande"). fold_key words.
_ORDER_WORDS: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    "total": (frozenset({"total", "montant", "amount"}), frozenset(),
              frozenset({"tax", "taxes", "tva", "shipping", "livraison", "discount", "discounts", "remise", "reduction",
                         "refund", "refunded", "rembourse", "subtotal", "sous", "items", "item", "quantity", "quantite",
                         "weight", "poids", "duties", "tip", "pourboire", "outstanding", "coupon", "coupons", "code",
                         "voucher", "fee", "fees", "frais", "port", "commission", "paid", "paye", "payee"})),
    "code": (frozenset({"code", "codes", "coupon", "coupons", "voucher"}),
             frozenset({"promo", "discount", "reduction", "coupon", "coupons", "remise", "voucher", "utilise", "used",
                        "applied", "applique"}),
             frozenset({"postal", "zip", "postcode", "country", "pays", "currency", "devise", "amount", "montant",
                        "product", "produit", "sku", "tracking", "suivi", "total", "value", "valeur"})),
    "created_at": (frozenset({"date", "created", "cree", "creee", "placed", "passee"}), frozenset(),
                   frozenset({"cancelled", "canceled", "annulee", "annule", "annulation", "refunded", "rembourse",
                              "shipped", "expediee", "expedition", "livraison", "delivery", "paid", "payee",
                              "fulfilled", "updated", "modified", "modifiee", "modifie", "expiration", "expire",
                              "birth", "naissance", "completed"})),
    "currency": (frozenset({"currency", "devise", "monnaie"}), frozenset(), frozenset()),
    "refunded": (frozenset({"refund", "refunds", "refunded", "rembourse", "remboursement", "remboursements"}),
                 frozenset(), frozenset({"date", "status", "statut", "reason", "raison", "motif", "method",
                                         "methode", "id"})),
    "financial_status": (frozenset({"statut", "status", "etat"}), frozenset(),
                         frozenset({"livraison", "shipping", "fulfillment", "expedition", "delivery", "billing",
                                    "facturation", "client", "customer"})),
    "order_id": (frozenset({"commande", "order", "commandes", "orders"}), frozenset(),
                 frozenset({"date", "total", "montant", "amount", "statut", "status", "code", "devise", "currency",
                            "note", "notes", "created", "cree", "creee", "tax", "shipping", "livraison"})),
}
# among the headers a field's words accept, the one naming the order itself wins ("Order Total Amount"
# over "Coupon Amount", "Montant de la commande" over "Montant")
_ORDER_NAMES = frozenset({"order", "orders", "commande", "commandes", "ttc"})


def _columns(header: list[str], fields: dict[str, tuple[str, ...]], mapping: dict[str, str],
             exact: dict[str, str] | None = None, taken_by: dict[str, int] | None = None) -> dict[str, int]:
    """The columns of `fields` (field -> index): `mapping`'s first, then exact synonyms, then a header's
    words; `taken_by` holds columns another field has already (an orders count)."""
    keys = [fold_key(h) for h in header]
    found: dict[str, int] = {}
    for name, col_header in mapping.items():
        if name in fields and fold_key(col_header) in keys:
            found[name] = keys.index(fold_key(col_header))
    held = set((taken_by or {}).values())
    for name, synonyms in fields.items():
        if name in found:
            continue
        candidates = (exact[name],) if exact and name in exact else synonyms
        for syn in candidates:
            if syn in keys and keys.index(syn) not in held:
                found[name] = keys.index(syn)
                break
    taken = set(found.values()) | held
    for name, (needs, with_, not_) in _ORDER_WORDS.items():
        if name in fields and name not in found and not (exact and name in exact):
            fits = [i for i, key in enumerate(keys) if i not in taken and (words := set(key.split())) & needs
                    and (not with_ or words & with_) and not words & not_]
            if fits:
                best = max(fits, key=lambda i: (bool(set(keys[i].split()) & _ORDER_NAMES), -i))
                found[name] = best
                taken.add(best)
    return found


def parse_mapping(items: list[str]) -> dict[str, str]:
    """--map "Header=field" options -> field -> header."""
    out: dict[str, str] = {}
    for item in items:
        header, sep, name = item.rpartition("=")
        name = name.strip()
        if not sep or not header.strip() or (name not in ORDER_FIELDS and name not in UTM_FIELDS):
            known = ", ".join([*ORDER_FIELDS, *UTM_FIELDS])
            raise UsageError(f'--map {item!r}: use "Header=field" with a field among {known}')
        out[name] = header.strip()
    return out


def _count_column(header: list[str], rows: list[list[str]], mapping: dict[str, str], dated: bool) -> int | None:
    """The column of an aggregated export's orders counts (see ORDER_COUNT): the one `--map "Header=orders"`
    names, else a header naming orders as a count whose cells are all whole numbers, in an export without an
    order date (`dated`); None for an export of one row per order."""
    keys = [fold_key(h) for h in header]
    if ORDER_COUNT in mapping:
        key = fold_key(mapping[ORDER_COUNT])
        return keys.index(key) if key in keys else None
    if dated:
        return None
    mapped = {fold_key(h) for h in mapping.values()}
    for i, key in enumerate(keys):
        words = set(key.split())
        if key in mapped or words & _NOT_COUNT or not (words & _COUNT_PLURALS or (
                words & _COUNT_SINGULARS and words & _COUNT_WORDS)):
            continue
        cells = [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
        if cells and all(_WHOLE.fullmatch(c) for c in cells):
            return i
    return None


_WHOLE = re.compile(r"\d+|\d{1,3}(?:[ \u00a0\u202f,.']\d{3})+")  # 15, 1 200, 1,200: a count, never 1,5


def _order_count(text: str, path: str, row: int, column: str) -> int:
    """An aggregated export's orders count on one row: a whole number, 0 or more."""
    if not _WHOLE.fullmatch(text.strip()):
        raise InfluError(f"{text!r} is not a number of orders (a whole number, 0 or more)" if text.strip() else
                         "no number of orders on this row (write 0 for none)", file=path, row=row, column=column)
    return int(re.sub(r"\D", "", text))


def refuse_unused_maps(mapping: list[str], used: set[str] | None, *, orders: str, utm: list[str]) -> None:
    """`results --map`: a field that named no column of the file it reads (the orders export's fields, its
    orders count; a UTM export's fields) is refused in one line, never a no-op (README: "not a no-op").
    Before the files are read (`used` None): only a UTM export's field without any --utm."""
    for item in mapping:
        header, _, name = item.rpartition("=")
        name, header = name.strip(), header.strip()
        if used is not None and name in used:
            continue
        if name in UTM_FIELDS and name != ORDER_COUNT and not utm:
            hint = ' (the orders export\'s amount is the field "total")' if name == "revenue" else ""
            raise UsageError(f"--map {item!r}: {name} is a field of a UTM analytics export (--utm), and none is "
                             f"given{hint}")
        if used is None:
            continue
        files = ([orders] if name in ORDER_FIELDS or name == ORDER_COUNT else []) + (
            list(utm) if name in UTM_FIELDS else [])
        raise UsageError(f"--map {item!r}: no column {header!r} in {' or '.join(files)}")


def _money(value: str, path: str, row: int, column: str, *, signed: bool = False) -> float:
    """An amount of an export cell; with `signed`, "-20.00", "−20,00 €" and "(20.00)" are negative."""
    from ..io.parse import ParseError, parse_money

    text = value.strip()
    sign = 1.0
    if signed and text[:1] in ("-", "\u2212"):
        sign, text = -1.0, text[1:].strip()
    elif signed and text.startswith("(") and text.endswith(")"):
        sign, text = -1.0, text[1:-1].strip()
    try:
        amount = parse_money(text) if text else None
    except ParseError as exc:
        raise InfluError(str(exc), file=path, row=row, column=column) from exc
    return sign * (amount or 0.0)


def _currency(text: str) -> str | None:
    from ..io.parse import detect_currency

    text = text.strip()
    return (detect_currency(text) or text.upper()) if text else None


def read_orders(path: str, *, source: str | None = None, mapping: list[str] | None = None,
                used: set[str] | None = None) -> tuple[list[Order], dict[str, int]]:
    """The counted orders of an export, and how many were excluded (cancelled, refunded). An order dated
    after today carries a warning (`Order.warning`) naming the file, row and column. An aggregated export
    (one row per code with its orders count: ORDER_COUNT) gives an Order per row standing for that many
    orders (`Order.count`; `counts["count_rows"]` says how many rows were read so). `used` receives the
    `mapping` fields that named a column of this export."""
    from ..clock import today
    from ..io.parse import ParseError
    from ..io.values import date_column_parser

    if source is not None and source not in SOURCES:
        raise UsageError(f"--from {source!r}: choose one of {', '.join(SOURCES)}")
    header, rows = _read_csv(path)
    maps = parse_mapping(mapping or [])
    exact = SHOPIFY_HEADERS if source == "shopify" else None
    dated = "created_at" in _columns(header, ORDER_FIELDS, maps, exact)
    counted = _count_column(header, rows, maps, dated)
    cols = _columns(header, ORDER_FIELDS, maps, exact, {ORDER_COUNT: counted} if counted is not None else None)
    if used is not None:  # (`results`: a --map of an order field naming no column of the export is refused)
        keys = [fold_key(h) for h in header]
        for name, h in maps.items():
            if name in ORDER_FIELDS and fold_key(h) not in keys:
                raise UsageError(f"--map {h + '=' + name!r}: no column {h!r} in {path} (its headers: "
                                 f"{', '.join(header)})")
            if (name == ORDER_COUNT and counted is not None) or (
                    name in ORDER_FIELDS and cols.get(name) == keys.index(fold_key(h))):
                used.add(name)
    for needed in ("code", "total"):
        if needed not in cols:
            raise InfluError(f"no {needed} column (headers: {', '.join(header)}); map one with "
                             f'--map "Header={needed}"', file=path)
    counts = {"read": 0, "cancelled": 0, "refunded": 0, "refund_lines": 0}
    if counted is not None:
        counts["count_rows"] = 0
    seen: set[str] = set()
    orders: list[Order] = []

    def cell(r: list[str], name: str) -> str:
        k = cols.get(name)
        return r[k].strip() if k is not None and k < len(r) else ""

    # the day/month order of the dates decided from all of them ("02/14/2026" makes them month first)
    parse_date, _ = date_column_parser([cell(r, "created_at") for r in rows])
    last = today()
    for n, r in enumerate(rows, start=2):
        order_id = cell(r, "order_id") or f"row {n}"
        if order_id in seen:  # a further line item of an order already read
            continue
        total_text = cell(r, "total")
        if not total_text and "order_id" in cols:
            continue
        seen.add(order_id)
        many = 1
        if counted is not None:  # an aggregated export: the row stands for its orders count
            many = _order_count(r[counted] if counted < len(r) else "", path, n, header[counted])
            counts["count_rows"] += 1
            if not many:
                continue
        counts["read"] += many
        total = _money(total_text, path, n, header[cols["total"]], signed=True)
        if total < 0:  # a refund line, not an order (see the module's docstring)
            counts["refund_lines"] += 1
            continue
        refunded = (abs(_money(cell(r, "refunded"), path, n, header[cols["refunded"]], signed=True))
                    if "refunded" in cols else 0.0)
        status = fold_key(cell(r, "financial_status")).removeprefix("wc ")  # (WooCommerce: "wc-refunded")
        if cell(r, "cancelled_at") or status in CANCELLED_STATUSES:
            counts["cancelled"] += many
            continue
        if status in EXCLUDED_STATUSES or (refunded and refunded >= total):
            counts["refunded"] += many
            continue
        created = None
        if cell(r, "created_at"):
            try:
                created = parse_date(cell(r, "created_at"))
            except ParseError as exc:
                raise InfluError(str(exc), file=path, row=n, column=header[cols["created_at"]]) from exc
        codes = [code_key(c) for c in cell(r, "code").split(",") if code_key(c)]
        # an order cannot have been placed on a day not come yet: a typo, or the day and month swapped (the
        # rule of a posts sheet's dates, `posts.dates_after_today`); the order still counts
        late = (str(InfluError(f"date {created.isoformat()} is after today ({last.isoformat()}): a typo, or the day "
                               "and month swapped? (the column's order is decided from all its dates)",
                               file=path, row=n, column=header[cols["created_at"]]))
                if created is not None and created > last else None)
        orders.append(Order(order_id, created, codes, round(total - refunded, 2), _currency(cell(r, "currency")), n,
                            late, many))
    return orders, counts


def read_utm(path: str, *, mapping: list[str] | None = None, used: set[str] | None = None) -> list[dict[str, Any]]:
    """Rows of a UTM analytics export: utm_content with sessions, orders and revenue. `used` receives the
    `mapping` fields that named a column of this export."""
    header, rows = _read_csv(path)
    maps = parse_mapping(mapping or [])
    cols = _columns(header, UTM_FIELDS, maps)
    if used is not None:
        keys = [fold_key(h) for h in header]
        used.update(name for name, h in maps.items() if name in UTM_FIELDS and fold_key(h) in keys
                    and cols.get(name) == keys.index(fold_key(h)))
    if "utm_content" not in cols:
        raise InfluError("no utm_content column in this analytics export; map one with "
                         '--map "Header=utm_content"', file=path)
    out = []
    for n, r in enumerate(rows, start=2):
        def cell(name: str, r: list[str] = r) -> str:
            k = cols.get(name)
            return r[k].strip() if k is not None and k < len(r) else ""

        content = cell("utm_content")
        if not content:
            continue
        out.append({
            "utm_content": content, "utm_campaign": cell("utm_campaign") or None,
            "sessions": int(_money(cell("sessions"), path, n, "sessions")),
            "orders": int(_money(cell("orders"), path, n, "orders")),
            "revenue": _money(cell("revenue"), path, n, "revenue"),
        })
    return out


def _groups(table: Table) -> tuple[list[list[int]], list[str]]:
    """Rows grouped into people: joined when they share a creator, a sheet row (a wide sheet gives one
    row per account) or a promo code. Rows marked `duplicate_of` are left out. Also returns warnings
    for codes that join rows of different creators."""

    n = len(table)
    creators, codes, dups = table.get("creator"), table.get("promo_code"), table.get("duplicate_of")
    parent = list(range(n))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    first: dict[tuple[str, Any], int] = {}
    shared_codes: dict[str, set[str]] = {}
    kinds = table.get("row_kind")  # TOTAL / section rows are not people
    rows = [k for k in range(n) if dups[k] in (None, "") and not kinds[k]]
    for k in rows:
        # (a sheet row's accounts are one person; an account of the campaign the list does not have is on
        # no sheet row: row 0, which joins nobody)
        # (the row of its own tab: row 2 of "TikTok" and row 2 of "YouTube" are two people)
        keys: list[tuple[str, Any]] = [("row", table.sheet_row(k))] if table.source_rows[k] else []
        if creators[k] not in (None, "") and name_key(creators[k]):
            keys.append(("creator", name_key(creators[k])))
        code = code_key(str(codes[k])) if codes[k] not in (None, "") else ""
        if code:
            keys.append(("code", code))
            if creators[k] not in (None, "") and name_key(creators[k]):
                shared_codes.setdefault(code, set()).add(str(creators[k]))
        for key in keys:
            if key in first:
                parent[find(k)] = find(first[key])
            else:
                first[key] = k
    groups: dict[int, list[int]] = {}
    for k in rows:
        groups.setdefault(find(k), []).append(k)
    warnings = [f"promo code {code} is on rows of {', '.join(sorted(names))}: counted as one person"
                for code, names in sorted(shared_codes.items()) if len({name_key(x) for x in names}) > 1]
    return sorted(groups.values(), key=lambda g: g[0]), warnings


def _people(table: Table) -> tuple[list[Person], list[str]]:
    people = []
    stages = [clean_stage(s) for s in table.get("stage")]
    creators, handles, codes = table.get("creator"), table.get("handle"), table.get("promo_code")
    prices, currencies, published = table.get("price_quoted"), table.get("currency"), table.get("published_on")
    highs = table.get("price_quoted_high")
    groups, warnings = _groups(table)
    for rows in groups:
        person = Person(creator=next((creators[k] for k in rows if creators[k] not in (None, "")), None),
                        handles=[], codes=set())
        priced: dict[Any, tuple[float, str]] = {}  # sheet row -> (price, currency): one price per sheet row
        for k in rows:
            if handles[k] and str(handles[k]) not in person.handles:
                person.handles.append(str(handles[k]))
            if codes[k] not in (None, "") and code_key(str(codes[k])):
                person.codes.add(code_key(str(codes[k])))
                person.written.setdefault(code_key(str(codes[k])), str(codes[k]).strip())
            person.paid = person.paid or price_is_cost(stages[k])
            if price_is_cost(stages[k]) and (found := list_price(prices[k], highs[k], currencies[k])) is not None:
                amount, counted, currency = found
                if counted != amount:  # "300-500 €" counts its middle, as `report` and `score` count it
                    warnings.append(range_warning(person.creator or ", ".join(person.handles) or f"row "
                                                  f"{table.row_name(k)}", amount, highs[k], counted))
                priced.setdefault(table.sheet_row(k) if table.source_rows[k] else -1 - k, (counted, currency or ""))
            day = published[k]
            if isinstance(day, str) and day:
                day = dt.date.fromisoformat(day[:10])
            if isinstance(day, dt.date) and (person.published_on is None or day < person.published_on):
                person.published_on = day
        seen: set[tuple[float, str]] = set()
        for price, currency in priced.values():
            if (price, currency) in seen:
                warnings.append(f"{person.creator or person.handles}: price {price:g} on several sheet rows "
                                "counted once")
                continue
            seen.add((price, currency))
            person.cost += price
            person.costs[currency] = person.costs.get(currency, 0.0) + price
        known = sorted(c for c in person.costs if c)
        person.currency = known[0] if len(known) == 1 else None
        person.currencies.update(known)
        people.append(person)
    return people, warnings


def _ratio(num: float, den: float, digits: int) -> float | None:
    return round(num / den, digits) if den else None


def _figures(orders: int, revenue: float | None, cost: float | None, same_money: bool = True) -> dict[str, Any]:
    """orders, revenue, cost and the ratios; None where an amount is unknown (no price on the sheet) or
    mixes currencies, and the revenue-to-cost ratios when the two are in different currencies."""
    roi = roas = None
    if revenue is not None and cost is not None and same_money:
        roi, roas = _ratio(revenue - cost, cost, 4), _ratio(revenue, cost, 4)
    return {
        "orders": orders, "revenue": None if revenue is None else round(revenue, 2),
        "cost": None if cost is None else round(cost, 2),
        "cpa": _ratio(cost, orders, 2) if orders and cost is not None else None, "roi": roi, "roas": roas,
    }


def unmatched_warning(orders: int, codes: dict[str, int]) -> str:
    """The warning about the orders whose codes no creator has: "2 orders used codes no creator has:
    ETE (1), X (1)" (the report says it again for the codes nobody in its list has)."""
    return f"{count(orders, 'order')} used codes no creator has: " + ", ".join(
        f"{c} ({n})" for c, n in sorted(codes.items()))


def unmatched_utm_warning(rows: list[dict[str, Any]]) -> str:
    """The warning naming the UTM analytics rows whose utm_content is no creator's handle (not counted):
    "2 rows of the UTM analytics match no creator, not counted: (not set) (340 sessions, 12 orders), ..."."""
    named = ", ".join(f"{r['utm_content']} ({count(r['sessions'], 'session')}, {count(r['orders'], 'order')})"
                      for r in rows[:10])
    more = f" and {count(len(rows) - 10, 'other')}" if len(rows) > 10 else ""
    return (f"{count(len(rows), 'row')} of the UTM analytics ({count(sum(r['sessions'] for r in rows), 'session')}, "
            f"{count(sum(r['orders'] for r in rows), 'order')}) {'matches' if len(rows) == 1 else 'match'} no creator, "
            f"not counted: {named}{more}")


def build_report(
    table: Table,
    orders: list[Order],
    *,
    excluded: dict[str, int] | None = None,
    utm_rows: list[dict[str, Any]] | None = None,
    window: int | None = None,
) -> dict[str, Any]:
    """Per-creator orders, revenue, cost, CPA, ROI and ROAS, plus the totals (schema in docs/funnel.md)."""
    if window is not None and window < 0:
        raise UsageError("--window must be 0 or more days")
    people, warnings = _people(table)
    warnings += [o.warning for o in orders if o.warning]  # (orders dated after today)
    by_code: dict[str, Person] = {}
    by_handle: dict[str, Person] = {}
    for p in people:
        for c in p.codes:
            by_code.setdefault(c, p)
        for h in p.handles:
            by_handle.setdefault(h.lower(), p)
    stats = {"read": 0, "cancelled": 0, "refunded": 0, "refund_lines": 0, **(excluded or {}), "counted": 0,
             "no_code": 0,
             "unmatched": 0, "outside_window": 0, "window_unchecked": 0}
    unmatched: dict[str, int] = {}
    for order in orders:  # (an aggregated export's row stands for `order.count` orders and their total)
        many = order.count
        if not order.codes:
            stats["no_code"] += many
            continue
        person = next((by_code[c] for c in order.codes if c in by_code), None)
        if person is None:
            stats["unmatched"] += many
            for c in order.codes:
                unmatched[c] = unmatched.get(c, 0) + many
            continue
        if window is not None:
            if person.published_on is None or order.created_at is None:
                stats["window_unchecked"] += many
            elif not person.published_on <= order.created_at <= person.published_on + dt.timedelta(days=window):
                stats["outside_window"] += many
                continue
        stats["counted"] += many
        person.code_orders += many
        person.code_revenue += order.total
        person.currencies.add(order.currency or "")
        money = person.order_money.setdefault(order.currency or "", [0, 0.0])
        money[0] += many
        money[1] += order.total
    utm_unmatched = 0
    utm_missed: list[dict[str, Any]] = []
    for row in utm_rows or []:
        person = by_handle.get(row["utm_content"].lower().lstrip("@"))
        if person is None:
            utm_unmatched += 1
            utm_missed.append(row)
            continue
        person.sessions += row["sessions"]
        person.utm_orders += row["orders"]
        person.utm_revenue += row["revenue"]
    # a sheet price written without a currency is taken in the orders' currency when they have just one
    order_currencies = {cur for p in people for cur in p.order_money if cur}
    if len(order_currencies) == 1:
        (only,) = order_currencies
        untagged = [p for p in people if p.costs.get("")]  # (a gift, 0, has no currency to take)
        for p in untagged:
            p.costs[only] = p.costs.get(only, 0.0) + p.costs.pop("")
            p.currencies.discard("")
            p.currencies.add(only)
        if untagged:
            warnings.append(f"prices without a currency on {count(len(untagged), 'creator')} taken as {only}, the orders' "
                            "currency (add a currency column to say otherwise)")
    creators = []
    spent: list[float | None] = []  # each creator's part of the totals' cost: nothing yet before a deal
    unpriced: list[str] = []  # creators at a paid stage without any price on the sheet
    by_currency: dict[str, dict[str, Any]] = {}
    for p in people:
        if not (p.paid or p.code_orders or p.sessions or p.utm_orders):
            continue
        n_orders = max(p.code_orders, p.utm_orders)
        revenue: float | None = max(p.code_revenue, p.utm_revenue)
        sold_in = sorted(c for c in p.order_money if c)
        paid_in = sorted(c for c in p.costs if c)
        if len(sold_in) > 1:  # never a sum of several currencies
            revenue = None
        cost: float | None = p.cost
        if not p.costs:  # no price counted: unknown, not 0 (0 is a gifted creator's); no deal yet, no cost yet
            cost = None
            if p.paid:
                unpriced.append(p.creator or ", ".join(p.handles))
        elif len(paid_in) > 1:
            cost = None
        spent.append(cost if cost is not None or p.paid or p.costs else 0.0)
        creators.append({
            "creator": p.creator, "handles": p.handles, "promo_code": p.written[sorted(p.codes)[0]] if p.codes else None,
            "code_orders": p.code_orders, "code_revenue": None if len(sold_in) > 1 else round(p.code_revenue, 2),
            "sessions": p.sessions, "utm_orders": p.utm_orders, "utm_revenue": round(p.utm_revenue, 2),
            **_figures(n_orders, revenue, cost, not (sold_in and paid_in and sold_in != paid_in)),
            "currency": next(iter(money)) if len(money := sorted(c for c in p.currencies if c)) == 1 else None,
            "published_on": p.published_on.isoformat() if p.published_on else None,
        })
        if len(money) > 1:
            warnings.append(f"{p.creator or p.handles}: amounts in {', '.join(money)}: no sum across currencies "
                            "(the amounts that mix them left empty)")
        for cur, (n, amount) in p.order_money.items():
            entry = by_currency.setdefault(cur or "(none)", {"code_orders": 0, "code_revenue": 0.0, "cost": 0.0})
            entry["code_orders"] += n
            entry["code_revenue"] += amount
        for cur, amount in p.costs.items():
            entry = by_currency.setdefault(cur or "(none)", {"code_orders": 0, "code_revenue": 0.0, "cost": 0.0})
            entry["cost"] += amount
    currencies = sorted(c for c in by_currency if c != "(none)")
    revenues = [c["revenue"] for c in creators]
    total_cost = None if None in spent else sum(x for x in spent if x is not None)
    totals = _figures(sum(c["orders"] for c in creators), None if None in revenues else sum(revenues), total_cost)
    # CPA, ROI and ROAS over the creators whose cost is known: the sales of a creator without a deal (no
    # cost) are no sales bought by the campaign's spending
    costless = [c for c in creators if c["cost"] is None and c["orders"]]
    if costless and total_cost is not None:
        known = [c for c in creators if c["cost"] is not None]
        known_revenues = [c["revenue"] for c in known]
        ratios = _figures(sum(c["orders"] for c in known),
                          None if None in known_revenues else sum(known_revenues), total_cost)
        totals.update({k: ratios[k] for k in ("cpa", "roi", "roas")})
        left = sum(c["orders"] for c in costless)
        warnings.append(f"CPA, ROI and ROAS count the creators with a cost only: the {count(left, 'order')} of "
                        f"{', '.join(str(c['creator'] or ', '.join(c['handles'])) for c in costless)} "
                        f"(no deal, no cost) {'is' if left == 1 else 'are'} left out of them")
    totals["currency"] = currencies[0] if len(currencies) == 1 else None
    if unpriced:
        warnings.append(f"no price on the sheet for {', '.join(map(str, unpriced))} (paid stage): cost unknown, "
                        "not 0; CPA, ROI and ROAS left empty for them and in the totals")
    if len(currencies) > 1:  # a mixed sum is no amount in any currency
        totals.update({"revenue": None, "cost": None, "cpa": None, "roi": None, "roas": None})
        warnings.append(f"orders and prices use several currencies ({', '.join(currencies)}): revenue, cost, "
                        "CPA, ROI and ROAS totals left empty (no conversion); the sums per currency are in the JSON "
                        "(totals.by_currency)")
    totals.update({"creators": len(creators), "sessions": sum(c["sessions"] for c in creators),
                   "code_orders": sum(c["code_orders"] for c in creators),
                   "code_revenue": None if len(order_currencies) > 1  # (a creator's own mix among them)
                   else round(sum(c["code_revenue"] for c in creators), 2),
                   "utm_orders": sum(c["utm_orders"] for c in creators),
                   "utm_revenue": round(sum(c["utm_revenue"] for c in creators), 2),
                   "by_currency": {cur: {"code_orders": e["code_orders"], "code_revenue": round(e["code_revenue"], 2),
                                         "cost": round(e["cost"], 2)} for cur, e in sorted(by_currency.items())}})
    if unmatched:
        warnings.append(unmatched_warning(stats["unmatched"], unmatched))
    if utm_missed:
        warnings.append(unmatched_utm_warning(utm_missed))
    if stats["refund_lines"]:
        warnings.append(f"{count(stats['refund_lines'], 'row')} with a negative total (refund lines) left out: refunds "
                        "count through their order's status or refunded amount")
    return {"schema": SCHEMA, "window_days": window, "currencies": currencies, "creators": creators,
            "totals": totals,
            "orders": stats, "unmatched_codes": dict(sorted(unmatched.items())),
            "utm_rows_unmatched": utm_unmatched, "warnings": warnings}


RESULT_COLUMNS = ["creator", "promo_code", "orders", "revenue", "cost", "cpa", "roi", "roas", "code_orders",
                  "code_revenue", "sessions", "utm_orders", "utm_revenue", "currency"]


class ResultsReport(Report):
    """`influkit.results()`'s result: `.to_dict()` is the JSON of docs/funnel.md ("results")."""

    def sections(self) -> list[str]:
        return ["creators"]

    def rows(self, section: str = "creators") -> tuple[list[str], list[dict[str, Any]]]:
        if section != "creators":
            raise UsageError(f"no section {section!r} in the results report")
        return result_rows(self.data)


def result_rows(report: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """Flat rows (one per creator, then TOTAL) for CSV and terminal output."""
    rows = [dict(c) for c in report["creators"]]
    rows.append({"creator": "TOTAL", **{k: v for k, v in report["totals"].items() if k in RESULT_COLUMNS}})
    return RESULT_COLUMNS, rows


SUMMARY_COLUMNS = ["creator", "promo_code", "orders", "revenue", "cost", "cpa", "roi", "roas", "currency"]
