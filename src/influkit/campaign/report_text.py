"""The campaign report's sentences in French and English, and numbers written the way each language
writes them (12 500 / 12,500; 3,4 % / 3.4%; 1 200 € / €1,200). Every sentence the report generates is a
template here, filled with the numbers that produced it.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..text import fold
from ..workspace import DEFAULT_CAMPAIGN as DEFAULT_CAMPAIGN  # (the default campaign's name: never shown)

NBSP = "\u00a0"
NNBSP = "\u202f"  # the French thousands separator
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}


def num(x: float | None, lang: str, digits: int = 0) -> str:
    """12 500 / 12,500; with `digits` decimals (3,40 / 3.40)."""
    if x is None:
        return "—"
    text = f"{x:,.{digits}f}"
    if lang == "fr":
        text = text.replace(",", NNBSP).replace(".", ",")
    return text


def compact(x: float | None, lang: str) -> str:
    """A count in few characters, three significant digits: 950, 12,5 k / 12.5k, 1,03 M / 1.03M."""
    if x is None:
        return "—"
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(x) >= size or (suffix == "M" and abs(x) >= 999_500):  # (999,999 is 1M, not 1000k)
            value = x / size
            digits = 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
            text = f"{value:.{digits}f}"
            text = text.rstrip("0").rstrip(".") if "." in text else text
            return (text.replace(".", ",") + f"{NBSP}{suffix}") if lang == "fr" else text + suffix
    return num(x, lang)


def pct(rate: float | None, lang: str, digits: int = 1) -> str:
    """A fraction as a percentage: 0.034 -> 3,4 % / 3.4%."""
    if rate is None:
        return "—"
    text = f"{rate * 100:.{digits}f}"
    return text.replace(".", ",") + f"{NBSP}%" if lang == "fr" else text + "%"


def times(ratio: float | None, lang: str) -> str:
    """A ratio: 2,4× / 2.4×; under 0.1, two decimals (0,04×, never 0,0×)."""
    if ratio is None:
        return "—"
    text = f"{ratio:.2f}" if 0 < abs(ratio) < 0.1 else f"{ratio:.1f}"
    return (text.replace(".", ",") if lang == "fr" else text) + "×"


def roas(x: float | None, lang: str) -> str:
    """A return multiple with two decimals: 0,13× / 0.13×."""
    if x is None:
        return "—"
    text = f"{x:.2f}"
    return (text.replace(".", ",") if lang == "fr" else text) + "×"


def money(x: float | None, currency: str | None, lang: str) -> str:
    """An amount, by one rule everywhere in the report: rounded half up to the cent; whole amounts without
    decimals (1 200 € / €1,200), the others with their cents (564,50 € / €564.50, a CPE of 0,12 €);
    amounts under one cent with three decimals (a CPV of 0,009 €)."""
    if x is None:
        return "—"
    exact = Decimal(str(x))
    if 0 < abs(exact) < Decimal("0.01"):
        rounded, digits = exact.quantize(Decimal("0.001"), ROUND_HALF_UP), 3
    else:
        rounded = exact.quantize(Decimal("0.01"), ROUND_HALF_UP)
        digits = 0 if rounded == rounded.to_integral_value() else 2
    value = num(float(rounded), lang, digits)
    code = currency or ""
    symbol = SYMBOLS.get(code, code)
    if not symbol:
        return value
    if lang == "fr":
        return f"{value}{NBSP}{symbol}"
    return f"{symbol}{value}" if len(symbol) == 1 else f"{value} {symbol}"


def money_converted(amount: float, currency: str | None, converted: float | None, target: str | None,
                    lang: str) -> str:
    """An amount as asked and, when it was converted to another currency to be compared, what it came to,
    both by `money`: "£1,500 ≈ $1,918" / "1 500 £ ≈ 1 918 $" ("£1,500" alone in its own currency)."""
    shown = money(amount, currency, lang)
    if converted is None or not currency or not target or currency.upper() == target.upper():
        return shown
    return f"{shown} ≈ {money(converted, target, lang)}"


def money_number_format(currency: str | None, lang: str, number: str = "#,##0.00") -> str:
    """The spreadsheet number format `money` writes amounts with: in English a one-character symbol
    before the amount ('"$"#,##0.00' shows $6,100.00), in French and for codes (CHF) after it
    ('#,##0.00 "$"' shows 6 100,00 $ in a French Excel)."""
    symbol = SYMBOLS.get(currency or "", currency or "")
    if not symbol:
        return number
    if lang != "fr" and len(symbol) == 1:
        return f'"{symbol}"{number}'
    return f'{number} "{symbol}"'


def day(value: Any, lang: str) -> str:
    """2026-03-02 -> 02/03/2026 / 2026-03-02."""
    if value is None:
        return "—"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if lang == "fr" and len(text) >= 10:
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text[:10]


def join(items: list[str], lang: str) -> str:
    """a, b et c / a, b and c."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    word = " et " if lang == "fr" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


# key -> (French, English); {placeholders} filled by the report
SENTENCES: dict[str, tuple[str, str]] = {
    # analysis
    "rank_creator": ("Meilleur taux d'engagement ({basis}) : {best} ({best_rate}). Le plus faible : {worst} "
                     "({worst_rate}), soit {gap} d'écart.",
                     "Best engagement rate ({basis}): {best} ({best_rate}). Lowest: {worst} ({worst_rate}), a gap "
                     "of {gap}."),
    "rank_one": ("Un seul créateur a un taux d'engagement ({basis}) mesuré : {best} ({best_rate}) ; pas de "
                 "comparaison possible.",
                 "Only one creator has a measured engagement rate ({basis}): {best} ({best_rate}); nothing to "
                 "compare it with."),
    "rank_group": ("{dimension} : {best} a le meilleur taux d'engagement ({best_rate}, {basis}), {worst} le plus "
                   "faible ({worst_rate}).",
                   "{dimension}: {best} has the best engagement rate ({best_rate}, {basis}), {worst} the lowest "
                   "({worst_rate})."),
    "rank_group_cpe": ("{dimension} : l'engagement le moins cher est sur {best} (CPE {best_cpe}), le plus cher sur "
                       "{worst} (CPE {worst_cpe}).",
                       "{dimension}: engagement is cheapest on {best} (CPE {best_cpe}) and dearest on {worst} "
                       "(CPE {worst_cpe})."),
    "bench_above": ("{who} ({network}) : {rate} d'engagement ({basis}), {ratio} la référence {bench} ({statistic} "
                    "de son palier, {source}).",
                    "{who} ({network}): {rate} engagement ({basis}), {ratio} the {bench} benchmark ({statistic} of "
                    "its band, {source})."),
    "bench_below": ("{who} ({network}) : {rate} d'engagement ({basis}), sous la référence {bench} ({ratio}).",
                    "{who} ({network}): {rate} engagement ({basis}), below the {bench} benchmark ({ratio})."),
    "bench_far_below": ("{who} ({network}) : {rate} d'engagement ({basis}), très en dessous de la référence "
                        "{bench} ({ratio}) : audience peu engagée ou peu authentique ?",
                        "{who} ({network}): {rate} engagement ({basis}), far below the {bench} benchmark "
                        "({ratio}): a disengaged or inauthentic audience?"),
    "cost_outlier": ("{who} : CPE de {cpe}, {ratio} la médiane de la campagne ({median}).",
                     "{who}: CPE of {cpe}, {ratio} the campaign's median ({median})."),
    "cpm_high": ("{who} : CPM de {cpm}, au-dessus de la fourchette du marché {low}–{high} ({network}, {source}).",
                 "{who}: CPM of {cpm}, above the market band {low}–{high} ({network}, {source})."),
    # a post's one status first (compliance.compliance_status), then why
    "disclosure_post": ("{who} ({network}, {day}) : non conforme, mention {verdict} — {rules}.",
                        "{who} ({network}, {day}): not compliant, disclosure {verdict} — {rules}."),
    "disclosure_rule": ("{who} ({network}, {day}) : non conforme — {rules} (la mention publicitaire, elle, est en "
                        "place).",
                        "{who} ({network}, {day}): not compliant — {rules} (the disclosure itself is in place)."),
    "disclosure_banned": ("{who} ({network}, {day}) : non conforme, promotion interdite — {rules}.",
                          "{who} ({network}, {day}): not compliant, banned promotion — {rules}."),
    "disclosure_to_check": ("{who} ({network}, {day}) : à vérifier par une personne — {checks}",
                            "{who} ({network}, {day}): to check by a person — {checks}"),
    "disclosure_not_checked": ("{who} ({network}, {day}) : non vérifiée — {checks}",
                               "{who} ({network}, {day}): not checked — {checks}"),
    "disclosure_all_ok": ("Les {n} publications vérifiées portent une mention conforme.",
                          "All {n} checked posts are disclosed as the law asks."),
    "disclosure_one_ok": ("La publication vérifiée porte une mention conforme.",
                          "The one checked post is disclosed as the law asks."),
    "channels_network": ("{network} : {orders} pour {revenue} de chiffre d'affaires ({share} des "
                         "commandes suivies).",
                         "{network}: {orders} for {revenue} revenue ({share} of the tracked orders)."),
    # (the revenue unknown: orders in several currencies, or no amount; the sentence says no "—")
    "channels_network_orders": ("{network} : {orders} ({share} des commandes suivies).",
                                "{network}: {orders} ({share} of the tracked orders)."),
    "channels_tracking": ("Codes promo : {code_orders} ; liens suivis : {link_orders} pour {clicks}.",
                          "Promo codes: {code_orders}; tracked links: {link_orders} for {clicks}."),
    "channels_codes_only": ("Codes promo : {code_orders} ; liens suivis : {clicks} (commandes par lien non "
                            "mesurées sans export UTM).",
                            "Promo codes: {code_orders}; tracked links: {clicks} (orders by link not "
                            "measured without a UTM export)."),
    "channels_codes_no_links": ("Codes promo : {code_orders} ; aucun clic de lien suivi mesuré.",
                                "Promo codes: {code_orders}; no tracked-link click measured."),
    "channels_none": ("{names} : un code promo mais aucune commande.", "{names}: a promo code but no order."),
    "channels_clicks": ("{network} : {clicks}.", "{network}: {clicks}."),
    # missing data
    "missing_views": ("Vues inconnues pour {n} sur {total} ({networks}) : CPM, CPV et taux d'engagement par vues "
                      "portent sur les autres.",
                      "Views unknown for {n} of {total} ({networks}): CPM, CPV and engagement by views are over "
                      "the others."),
    "missing_views_all": ("Aucune vue mesurée ({networks}) : ni CPM, ni CPV, ni taux d'engagement par vues ; "
                          "l'engagement est rapporté aux abonnés.",
                          "No post has measured views ({networks}): no CPM, no CPV and no engagement rate by "
                          "views; engagement is measured against followers."),
    "missing_bench_network": ("Pas de référence d'engagement publiée pour {network} : {names} sans comparaison "
                              "au marché.",
                              "No published engagement benchmark for {network}: {names} not compared with the "
                              "market."),
    "missing_bench_followers": ("Abonnés inconnus, pas de palier de référence ({network}) : {names} sans "
                                "comparaison au marché.",
                                "Followers unknown, no benchmark band ({network}): {names} not compared with the "
                                "market."),
    "missing_bench_likes": ("Ni likes ni commentaires mesurés sur une publication du fil ({network}), ce que compte "
                            "sa référence : {names} sans comparaison au marché.",
                            "No likes or comments measured on a feed post ({network}), what its benchmark counts: "
                            "{names} not compared with the market."),
    "missing_bench_rate": ("Pas de taux d'engagement {basis} ({network}), la base de sa référence : {names} sans "
                           "comparaison au marché.",
                           "No engagement rate {basis} ({network}), the basis of its benchmark: {names} not "
                           "compared with the market."),
    "missing_engagements": ("Engagements inconnus pour {n} sur {total}.", "Engagements unknown for {n} of {total}."),
    "missing_cost": ("Coût inconnu pour {n} sur {total} : CPE, CPM et ROAS portent sur les publications dont le "
                     "coût est connu.",
                     "Cost unknown for {n} of {total}: CPE, CPM and ROAS are over the posts whose cost is known."),
    "missing_orders": ("Aucun export de commandes : ventes, CPA et ROAS ne sont pas mesurés.",
                       "No orders export: sales, CPA and ROAS are not measured."),
    "missing_codes": ("Ventes non attribuables (ni code promo ni lien suivi) : {names}.",
                      "Sales not attributable (no promo code, no tracked link): {names}."),
    "missing_followers": ("Abonnés inconnus pour {n} : taux d'engagement par abonnés non calculé.",
                          "Followers unknown for {n}: no engagement rate by followers."),
    "missing_caption": ("Sans légende, mention non vérifiée : {n}.", "No caption, disclosure not checked: {n}."),
    "missing_clicks": ("Aucun clic mesuré (ni colonne de clics ni export des clics).",
                       "No click measured (no clicks column, no clicks export)."),
    "estimates_apart": ("Chiffres estimés (colonnes marquées « estimé »), montrés à part et hors de tout total "
                        "mesuré : {what}.",
                        "Estimated figures (columns marked 'estimated'), shown apart and in no measured total: "
                        "{what}."),
    "estimate_of": ("{field} {value} sur {n}", "{field} {value} over {n}"),
    "nothing_missing": ("Toutes les mesures du bilan sont disponibles.", "Every measure of the report is available."),
    # conclusion
    "objective": ("{metric} : {actual} pour un objectif de {target} ({progress}) — {status}.",
                  "{metric}: {actual} against a target of {target} ({progress}) — {status}."),
    "objective_max": ("{metric} : {actual} pour un plafond de {target} — {status}.",
                      "{metric}: {actual} against a ceiling of {target} — {status}."),
    "objective_unknown": ("{metric} : objectif de {target}, non mesurable ({why}).",
                          "{metric}: target of {target}, not measurable ({why})."),
    "budget_under": ("Coût de {cost} pour un budget de {budget} ({share}) : {remaining} non dépensés.",
                     "Cost of {cost} against a budget of {budget} ({share}): {remaining} left."),
    "budget_over": ("Coût de {cost} pour un budget de {budget} : dépassement de {over} ({share}).",
                    "Cost of {cost} against a budget of {budget}: {over} over ({share})."),
    "budget_signed": ("Déjà engagés sans publication à ce jour : {amount} ({names}).",
                      "Already committed without a post so far: {amount} ({names})."),
    "budget_signed_over": ("Déjà engagés sans publication à ce jour : {amount} ({names}), soit un dépassement prévu "
                           "de {over}.",
                           "Already committed without a post so far: {amount} ({names}), an expected overrun of "
                           "{over}."),
    "budget_signed_other": ("Déjà engagés sans publication, dans une autre devise : {names}.",
                            "Already committed without a post, in another currency: {names}."),
    "budget_other_currency": ("Budget de {budget} ; coûts en {currency} ({cost}) : non comparés, sans conversion.",
                              "Budget of {budget}; costs in {currency} ({cost}): not compared, no conversion."),
    "budget_unknown": ("Budget de {budget} ; coût inconnu.", "Budget of {budget}; cost unknown."),
    "budget_costs_currencies": ("Budget de {budget} ; coût inconnu : les cachets sont en {n} devises ({currencies}), "
                                "jamais additionnés, sans conversion.",
                                "Budget of {budget}; cost unknown: the fees are in {n} currencies ({currencies}), "
                                "never added, no conversion."),
    "cost_currencies": ("Coût total inconnu : les cachets sont en {n} devises ({currencies}), jamais additionnés, "
                        "sans conversion.",
                        "Total cost unknown: the fees are in {n} currencies ({currencies}), never added, no "
                        "conversion."),
    "budget_none": ("Coût total : {cost} (aucun budget donné).", "Total cost: {cost} (no budget given)."),
    "compliance_summary": ("Publications vérifiées : {checked} ; conformes : {ok}{to_check} ; non conformes : "
                           "{bad}{banned}{unchecked}.",
                           "Checked posts: {checked}; compliant: {ok}{to_check}; not compliant: {bad}{banned}"
                           "{unchecked}."),
    "compliance_banned": (", dont {n} pour une promotion interdite", ", {n} of them for a banned promotion"),
    "compliance_to_check": ("Publications vérifiées : {checked} ; conformes : {ok}{to_check}{unchecked}.",
                            "Checked posts: {checked}; compliant: {ok}{to_check}{unchecked}."),
    "compliance_check_count": (" ; à vérifier par une personne : {n}", "; to check by a person: {n}"),
    "compliance_all": ("Les {checked} publications vérifiées portent une mention conforme{unchecked}.",
                       "All {checked} checked posts are disclosed as the law asks{unchecked}."),
    "compliance_one": ("La publication vérifiée porte une mention conforme{unchecked}.",
                       "The one checked post is disclosed as the law asks{unchecked}."),
    "compliance_unchecked_one": (" ; 1 publication sans légende, non vérifiée", "; 1 post without a caption, not checked"),
    "compliance_unchecked_many": (" ; {n} publications sans légende, non vérifiées",
                                  "; {n} posts without a caption, not checked"),
    "compliance_none": ("Aucune légende : la mention n'a pas pu être vérifiée.",
                        "No caption: the disclosure could not be checked."),
    "overall": ("Objectifs atteints : {met} sur {total}{almost}.", "Objectives reached: {met} of {total}{almost}."),
    "overall_almost": (", {n} presque", ", {n} almost"),
    "overall_none": ("Sans objectif chiffré, le bilan s'en tient aux résultats : {results}.",
                     "Without a numeric objective the report sticks to the results: {results}."),
    "overall_nothing": ("Sans objectif chiffré ni mesure d'audience, le bilan s'en tient à la conformité des "
                        "publications.",
                        "Without a numeric objective or an audience measure, the report sticks to the posts' "
                        "compliance."),
    "result_views": ("{n}", "{n}"),
    "result_engagements": ("{n}", "{n}"),
    "result_cost": ("pour {cost}", "for {cost}"),
    # recommendations
    "renew": ("Renouveler {who} : {why}.", "Renew {who}: {why}."),
    "renew_if": ("Renouveler {who} à condition de mettre ses publications en conformité ({rules}) : {why}.",
                 "Renew {who} on condition that the posts are made compliant ({rules}): {why}."),
    "drop": ("Ne pas renouveler {who} : {why}.", "Do not renew {who}: {why}."),
    "negotiate": ("Renégocier avec {who} : au prix médian de la campagne ({median} par engagement), le juste prix "
                  "de {eng} est {fair}, au lieu de {cost}.",
                  "Renegotiate with {who}: at the campaign's median price ({median} per engagement), the fair "
                  "price of {eng} is {fair}, instead of {cost}."),
    "why_bench": ("engagement {ratio} la référence", "engagement {ratio} the benchmark"),
    "why_half": ("engagement dans la meilleure moitié de la campagne ({rate})",
                 "engagement in the campaign's better half ({rate})"),
    "why_cpe": ("CPE {cpe} (médiane {median})", "CPE {cpe} (median {median})"),
    "why_roas": ("ROAS {roas} (campagne {campaign})", "ROAS {roas} (campaign {campaign})"),
    "why_low_half": ("engagement dans la moitié basse de la campagne ({rate})",
                     "engagement in the campaign's lower half ({rate})"),
    "watch": ("À suivre : {who} — pour : {pros} ; contre : {cons}.", "Watch {who} — for: {pros}; against: {cons}."),
    "watch_cons": ("À suivre : {who} — {cons}.", "Watch {who}: {cons}."),
    "watch_pros": ("À suivre : {who} — {pros} ; pas assez de données pour conclure.",
                   "Watch {who}: {pros}; not enough data to conclude."),
    "why_banned": ("promotion interdite ({rules})", "banned promotion ({rules})"),
    "why_far_below": ("engagement {ratio} la référence", "engagement {ratio} the benchmark"),
    "why_costly": ("CPE {cpe} au-dessus de la médiane {median}", "CPE {cpe} above the median {median}"),
    "why_roas_low": ("{orders} pour {cost}, ROAS {roas}, moins de la moitié de la référence "
                     "({reference}) alors que la campagne vise des ventes",
                     "{orders} for {cost}, ROAS {roas}, under half the reference ({reference}) while the "
                     "campaign aims at sales"),
    "budget_shift": ("Déplacer du budget de {worst} (CPE {worst_cpe}) vers {best} (CPE {best_cpe}) : "
                     "l'engagement y coûte {ratio} moins cher.",
                     "Move budget from {worst} (CPE {worst_cpe}) to {best} (CPE {best_cpe}): engagement there "
                     "costs {ratio} less."),
    "fix_missing": ("{who} ({network}, {day}) : ajouter {label} au début de la légende, avant la coupure « plus » "
                    "({cut}).",
                    "{who} ({network}, {day}): add {label} at the start of the caption, before the \"more\" cut "
                    "({cut})."),
    "fix_insufficient": ("{who} ({network}, {day}) : ajouter {label}, visible avant la coupure ({cut}) ; {found} "
                         "{not_enough}.",
                         "{who} ({network}, {day}): add {label}, visible before the cut ({cut}); {found} "
                         "{not_enough}."),
    "fix_late": ("{who} ({network}, {day}) : remonter {found} dans les {cut} de la légende.",
                 "{who} ({network}, {day}): move {found} into the caption's {cut}."),
    # a network without a "more" cut: the start of the caption; a story: on the story itself
    "fix_missing_start": ("{who} ({network}, {day}) : ajouter {label} au début de la légende.",
                          "{who} ({network}, {day}): add {label} at the start of the caption."),
    "fix_insufficient_start": ("{who} ({network}, {day}) : ajouter {label} au début de la légende ; {found} "
                               "{not_enough}.",
                               "{who} ({network}, {day}): add {label} at the start of the caption; {found} "
                               "{not_enough}."),
    # where the platform wants the disclosure (thresholds.compliance.PLACEMENTS): a live (Twitch, any "live"),
    # TikTok (the caption's start and its branded-content toggle), YouTube (the paid-promotion box, the
    # description's start)
    "fix_missing_stream": ("{who} ({network}, {day}) : afficher {label} à l'écran et dans le titre du live, pendant "
                           "toute sa durée.",
                           "{who} ({network}, {day}): show {label} on screen and in the stream's title, for the "
                           "whole live."),
    "fix_insufficient_stream": ("{who} ({network}, {day}) : afficher {label} à l'écran et dans le titre du live, "
                                "pendant toute sa durée ; {found} {not_enough}.",
                                "{who} ({network}, {day}): show {label} on screen and in the stream's title, for "
                                "the whole live; {found} {not_enough}."),
    "fix_late_stream": ("{who} ({network}, {day}) : afficher {found} à l'écran et dans le titre du live, pendant "
                        "toute sa durée.",
                        "{who} ({network}, {day}): show {found} on screen and in the stream's title, for the "
                        "whole live."),
    "fix_missing_tiktok": ("{who} ({network}, {day}) : ajouter {label} au début de la légende ({cut}) et activer "
                           "le bouton « contenu de marque » de TikTok.",
                           "{who} ({network}, {day}): add {label} at the start of the caption ({cut}) and turn "
                           "on TikTok's branded-content toggle."),
    "fix_insufficient_tiktok": ("{who} ({network}, {day}) : ajouter {label} au début de la légende ({cut}) et "
                                "activer le bouton « contenu de marque » de TikTok ; {found} {not_enough}.",
                                "{who} ({network}, {day}): add {label} at the start of the caption ({cut}) and "
                                "turn on TikTok's branded-content toggle; {found} {not_enough}."),
    "fix_late_tiktok": ("{who} ({network}, {day}) : remonter {found} dans les {cut} de la légende et activer le "
                        "bouton « contenu de marque » de TikTok.",
                        "{who} ({network}, {day}): move {found} into the caption's {cut} and turn on TikTok's "
                        "branded-content toggle."),
    "fix_missing_youtube": ("{who} ({network}, {day}) : cocher la case « communication commerciale » (promotion "
                            "payée) dans YouTube Studio et ajouter {label} au début de la description ({cut}).",
                            "{who} ({network}, {day}): tick the paid-promotion box in YouTube Studio and add "
                            "{label} at the start of the description ({cut})."),
    "fix_insufficient_youtube": ("{who} ({network}, {day}) : cocher la case « communication commerciale » "
                                 "(promotion payée) dans YouTube Studio et ajouter {label} au début de la "
                                 "description ({cut}) ; {found} {not_enough}.",
                                 "{who} ({network}, {day}): tick the paid-promotion box in YouTube Studio and add "
                                 "{label} at the start of the description ({cut}); {found} {not_enough}."),
    "fix_late_youtube": ("{who} ({network}, {day}) : remonter {found} dans les {cut} de la description et cocher "
                         "la case « communication commerciale » (promotion payée) dans YouTube Studio.",
                         "{who} ({network}, {day}): move {found} into the description's {cut} and tick the "
                         "paid-promotion box in YouTube Studio."),
    # the verb after the labels found: one label, several
    "not_enough_one": ("ne suffit pas", "is not enough"), "not_enough_many": ("ne suffisent pas", "are not enough"),
    "fix_late_start": ("{who} ({network}, {day}) : remonter {found} au début de la légende.",
                       "{who} ({network}, {day}): move {found} to the start of the caption."),
    "fix_story": ("{who} ({network}, {day}) : mettre {label} sur la story elle-même (texte incrusté), lisible "
                  "pendant toute sa durée.",
                  "{who} ({network}, {day}): put {label} on the story itself (on-screen text), readable for its "
                  "whole length."),
    "label_fr": ("« Publicité » ou « Collaboration commerciale »", "\"Publicité\" or \"Collaboration commerciale\""),
    "label_ad": ("« #ad »", "\"#ad\""),
    "fix_banned": ("{who} ({network}, {day}) : retirer la publication, la promotion est interdite ({rules}).",
                   "{who} ({network}, {day}): take the post down, the promotion is banned ({rules})."),
    "fix_other": ("{who} ({network}, {day}) : {reasons}.", "{who} ({network}, {day}): {reasons}."),
    "fix_also": ("{fix} À corriger aussi — {reasons}.", "{fix} Also to fix — {reasons}."),
    "track_insights": ("Demander aux créateurs Instagram leurs statistiques (vues, portée, enregistrements) à "
                       "J+7 : l'API ne les donne plus pour les comptes tiers depuis 2025 (sans vues : {n}).",
                       "Ask the Instagram creators for their statistics (views, reach, saves) at D+7: the API no "
                       "longer gives them for other accounts since 2025 (without views: {n})."),
    "track_views": ("Relever les vues manquantes ({networks}) : {n}.",
                    "Record the missing views ({networks}): {n}."),
    "track_orders": ("Joindre l'export des commandes de la boutique pour mesurer les ventes, le CPA et le ROAS.",
                     "Add the shop's orders export to measure sales, CPA and ROAS."),
    "track_codes": ("Donner un code promo et un lien suivi à chaque créateur ; sans code cette fois : {names}.",
                    "Give every creator a promo code and a tracked link; without one this time: {names}."),
    "track_cost": ("Renseigner le coût de chaque publication pour calculer CPE, CPM et ROAS (sans coût : {n}).",
                   "Fill in the cost of every post to compute CPE, CPM and ROAS (without a cost: {n})."),
    "track_clicks_export": ("Exporter les clics des liens suivis (UTM) depuis l'outil d'analyse et les joindre au "
                            "prochain bilan.",
                            "Export the clicks of the tracked (UTM) links from your analytics and add them to the "
                            "next report."),
    "track_clicks": ("Utiliser des liens suivis (UTM) et en relever les clics.",
                     "Use tracked (UTM) links and record their clicks."),
    "nothing_to_recommend": ("Rien à recommander d'après les règles : les données ne désignent ni créateur à "
                             "renouveler ou à écarter, ni budget à déplacer.",
                             "Nothing to recommend by the rules: the data point to no creator to renew or drop and "
                             "no budget to move."),
    # labels inside sentences
    "basis_views": ("par vues", "by views"), "basis_followers": ("par abonnés", "by followers"),
    # a benchmark's rate counts only its own parts (thresholds.ER_BASIS_PARTS), not every part the table's
    # "ER followers"/"ER views" counts (saves too): the sentence names them, so the two never read as one figure
    "bench_basis": ("{parts} par {base}", "{parts} by {base}"),
    "base_views": ("vues", "views"), "base_followers": ("abonnés", "followers"),
    "part_likes": ("likes", "likes"), "part_comments": ("commentaires", "comments"),
    "part_shares": ("partages", "shares"), "part_saves": ("enregistrements", "saves"),
    "dimension_network": ("Réseaux", "Networks"), "dimension_format": ("Formats", "Formats"),
    "why_no_views": ("aucune vue mesurée", "no measured views"),
    "why_no_engagements": ("aucun engagement mesuré", "no measured engagement"),
    "why_no_cost": ("coût inconnu", "cost unknown"), "why_no_orders": ("aucun export de commandes", "no orders export"),
    "why_no_clicks": ("aucun clic mesuré", "no click measured"), "why_no_followers": ("abonnés inconnus",
                                                                                      "followers unknown"),
    "why_no_data": ("données absentes", "no data"),
    "why_other_currency": ("objectif en {target_currency}, montants de la campagne en {currency} : aucune conversion",
                           "target in {target_currency}, the campaign's amounts in {currency}: no conversion"),
    "why_costs_currencies": ("cachets en {currencies}, jamais additionnés", "fees in {currencies}, never added"),
    "cut_chars": ("{chars} premiers caractères", "first {chars} characters"),
    "cut_lines": ("{chars} premiers caractères ou {lines} lignes", "first {chars} characters or {lines} lines"),
    "cut_none": ("début de la légende", "start of the caption"),
    "median": ("médiane", "median"), "good": ("niveau « bon »", "'good' level"),
    "posts_word": ("publications", "posts"),
    "row_word": ("ligne", "row"),
    "rows_left_out": ("Lignes laissées de côté", "Rows left out"),
    "rows_left_out_why": ("pas des publications, hors de tout chiffre", "not posts, in no number"),
    "rows_without_post": ("Lignes sans publication", "Rows without a post"),
    "rows_without_post_text": ("{n} sans lien de publication, légende ni chiffre propre",
                               "{n} without a post link, a caption or numbers of their own"),
    "columns_not_read": ("Colonnes non lues", "Columns not read"),
    "recorded_column": ("enregistré dans l'espace de travail (`influkit set --post`)",
                        "recorded in the workspace (`influkit set --post`)"),
    "numbers_from_workspace": ("{n} : les chiffres que ce bilan n'a lus ni dans une feuille ni par une API sont "
                               "ceux du dernier relevé gardé dans l'espace de travail",
                               "{n}: the numbers this report read in no sheet and from no API are those of the "
                               "latest reading kept in the workspace"),
}


# count words: (French singular, French plural, English singular, English plural)
WORDS: dict[str, tuple[str, str, str, str]] = {
    "post": ("publication", "publications", "post", "posts"),
    "order": ("commande", "commandes", "order", "orders"),
    "creator": ("créateur", "créateurs", "creator", "creators"),
    "click": ("clic", "clics", "click", "clicks"),
    "engagement": ("engagement", "engagements", "engagement", "engagements"),
    "measured_view": ("vue mesurée", "vues mesurées", "measured view", "measured views"),
    "row": ("ligne", "lignes", "row", "rows"),
    "other": ("autre", "autres", "other", "others"),
}


def count(n: int | float | None, word: str, lang: str) -> str:
    """"1 publication", "5 publications" / "1 post", "5 posts"."""
    fr1, fr2, en1, en2 = WORDS[word]
    value = n or 0
    noun = (fr1 if abs(value) < 2 else fr2) if lang == "fr" else (en1 if value == 1 else en2)
    return f"{num(value, lang)} {noun}"


def say(key: str, lang: str, **values: Any) -> str:
    """The sentence `key` in `lang`, filled (in French, "de"/"le"/"que" before a name that starts with a
    vowel are elided: "d'Instagram", "l'Instagram")."""
    fr, en = SENTENCES[key]
    return elide(fr, values).format(**values) if lang == "fr" else en.format(**values)


_ELIDABLE = re.compile(r"\b(de|le|que|De|Le|Que) \{(\w+)\}")
_VOWELS = frozenset("aeiouy")


def elide(template: str, values: dict[str, Any]) -> str:
    """A French template with "de {x}" written "d'{x}" when the value of x starts with a vowel ("le" ->
    "l'", "que" -> "qu'"): French elision, for any name a sentence is filled with."""

    def one(m: re.Match[str]) -> str:
        value = str(values.get(m.group(2), ""))
        first = fold(value[:1])
        if first in _VOWELS and not value[:1].isdigit() and first != "y":
            return f"{m.group(1)[:-1]}'{{{m.group(2)}}}"
        return m.group(0)

    return _ELIDABLE.sub(one, template)


METHODS: dict[str, tuple[str, str]] = {
    "engagements": ("j'aime + commentaires + partages + enregistrements (parts mesurées présentes) ; la colonne "
                    "engagements de la feuille seulement pour les publications sans parts",
                    "likes + comments + shares + saves (measured parts present); the sheet's engagements column only "
                    "for posts without parts"),
    "er_views": ("somme des engagements / somme des vues, sur les publications qui ont les deux (Later, "
                 "HypeAuditor pour la vidéo)",
                 "sum of engagements / sum of views, over the posts with both (Later, HypeAuditor for video)"),
    "er_followers": ("somme des engagements / somme des abonnés à chaque publication, sur celles qui ont les deux "
                     "(HypeAuditor, Upfluence)",
                     "sum of engagements / sum of followers at each post, over the posts with both (HypeAuditor, "
                     "Upfluence)"),
    "cpe": ("coût / engagements, sur les coûts dont toutes les publications ont des engagements",
            "cost / engagements, over the costs whose posts all have engagements"),
    "cpm": ("coût / vues x 1 000, vues mesurées seulement (jamais une portée estimée)",
            "cost / views x 1,000, measured views only (never an estimated reach)"),
    "cpv": ("coût / vues", "cost / views"),
    "cpa": ("coût / commandes, sur les créateurs dont les ventes sont suivies et le coût connu",
            "cost / orders, over creators with tracked sales and a known cost"),
    "roas": ("chiffre d'affaires / coût, mêmes créateurs", "revenue / cost, same creators"),
    "roi": ("(chiffre d'affaires - coût) / coût, mêmes créateurs", "(revenue - cost) / cost, same creators"),
    "orders": ("commandes reliées par code promo (annulées et remboursées exclues) et analytics UTM ; pour un "
               "créateur, le plus grand des deux, jamais leur somme",
               "orders matched by promo code (cancelled and refunded left out) and UTM analytics; a creator's orders "
               "are the larger of the two, never their sum"),
    "views_estimated": ("les colonnes marquées « estimé » sont additionnées à part et n'entrent dans aucun ratio",
                        "columns marked 'estimated' are summed apart and enter no ratio"),
    "potential_reach": ("somme des abonnés des comptes qui ont publié, chacun une fois (portée potentielle de "
                        "Traackr ; pas des vues)",
                        "sum of the followers of the accounts that posted, each once (Traackr's potential reach; not "
                        "views)"),
    "milestones": ("les chiffres d'une publication à J+1, J+7, J+30 : le premier relevé daté ce jour-là ou après",
                   "a post's numbers at D+1, D+7, D+30: the first dated snapshot on or after that day"),
    "emv": ("EMV = engagements mesurés x {multiplier} par engagement (estimation)",
            "EMV = measured engagements x {multiplier} per engagement (estimate)"),
    # (the public sources, never an internal note a client cannot open)
    "emv_source": ("méthode contestée : Traackr la dit héritière de l'équivalent publicitaire (AVE), discrédité ; "
                   "Kolsquare la garde pour les campagnes de notoriété",
                   "a disputed method: Traackr holds that it descends from the discredited advertising value "
                   "equivalency (AVE); Kolsquare keeps it for awareness campaigns"),
}


def method(key: str, lang: str, **values: Any) -> str:
    fr, en = METHODS[key]
    return (fr if lang == "fr" else en).format(**values)


# ------------------------------------------------------------------------- what the sources say, in words
# The report's JSON keeps the machine's words (English: field names, how a column was found, warnings of
# `influkit results`); the pages people read (md, html, xlsx) say them in the report's language.

FIELD_WORDS: dict[str, tuple[str, str]] = {
    "link": ("lien de la publication", "post link"), "caption": ("légende", "caption"),
    "overlay": ("texte à l'écran", "on-screen text"), "title": ("titre", "title"), "platform": ("réseau", "network"),
    "format": ("format", "format"), "flag": ("label « Partenariat rémunéré »", "paid-partnership label"),
    "published": ("date de publication", "publication date"), "handle": ("compte", "handle"), "age": ("âge", "age"),
    "views": ("vues", "views"), "reach": ("portée", "reach"), "likes": ("j'aime", "likes"),
    "comments": ("commentaires", "comments"), "shares": ("partages", "shares"), "saves": ("enregistrements", "saves"),
    "engagements": ("engagements", "engagements"), "clicks": ("clics", "clicks"), "orders": ("commandes", "orders"),
    "revenue": ("chiffre d'affaires", "revenue"), "followers": ("abonnés", "followers"), "cost": ("coût", "cost"),
    "currency": ("devise", "currency"), "promo_code": ("code promo", "promo code"),
    "tracked_url": ("lien suivi", "tracked link"), "measured_on": ("date du relevé", "measured on"),
    "creator": ("créateur", "creator"),
}
ROW_KIND_WORDS: dict[str, tuple[str, str]] = {
    "total": ("total", "total"), "average": ("moyenne", "average"), "subtotal": ("sous-total", "subtotal"),
    "summary": ("récapitulatif", "summary"),
    "section": ("titre de section", "section title"), "header": ("en-tête répété", "repeated header"),
}
_ESTIMATE_MARK = "~"  # published.ESTIMATE_SUFFIX starts with it ("views~estimated")


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "fr" else pair[1]


def field_name(name: str, lang: str, capital: bool = True) -> str:
    """A field in words ("link" -> "Lien de la publication"; "reach~estimated" -> "Portée (estimation)")."""
    base, mark, _ = name.partition(_ESTIMATE_MARK)
    text = _pick(FIELD_WORDS.get(base, (base, base)), lang)
    if mark:
        text += " (estimation)" if lang == "fr" else " (estimate)"
    return text[:1].upper() + text[1:] if capital else text


def quoted(text: str, lang: str) -> str:
    """« Vues » / 'Views'."""
    return f"« {text} »" if lang == "fr" else f"'{text}'"


def _percent(text: str, lang: str) -> str:
    return re.sub(r"(\d)\s*%", lambda m: m[1] + f"{NBSP}%", text) if lang == "fr" else text


_HOW: list[tuple[re.Pattern[str], tuple[str, str]]] = [
    (re.compile(r"^header$"), ("en-tête", "header")),
    (re.compile(r"^header, estimates$"), ("en-tête, estimations", "header, estimates")),
    (re.compile(r"^header and yes/no cells$"), ("en-tête et cellules oui/non", "header and yes/no cells")),
    (re.compile(r"^--map$"), ("option --map", "--map option")),
    (re.compile(r"^contents: (?P<a>\d+)/(?P<b>\d+) post links$"),
     ("contenu : {a}/{b} liens de publication", "contents: {a}/{b} post links")),
    (re.compile(r"^contents: long texts, (?P<share>\S+) with a hashtag or @mention$"),
     ("contenu : textes longs, {share} avec un hashtag ou une @mention",
      "contents: long texts, {share} with a hashtag or @mention")),
]


def found_how(how: str, lang: str) -> str:
    """How a column was found ("header", "contents: 5/5 post links") in the report's language; an
    unknown wording as it is."""
    for pattern, pair in _HOW:
        m = pattern.match(how)
        if m:
            return _percent(_pick(pair, lang).format(**m.groupdict()), lang)
    return how


def column_found(header: str, how: str, lang: str) -> str:
    """« Lien du post » (contenu : 5/5 liens de publication) / 'Post link' (contents: 3/3 post links)."""
    return f"{quoted(header, lang)} ({found_how(how, lang)})"


def _unrepr(text: str) -> str:
    import ast

    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def figure_source(source: str, lang: str) -> str:
    """Where a number came from ("sheet column 'Vues'", "youtube videos.list") in words."""
    m = re.match(r"^sheet column (?P<h>.+?)(?P<est> \(estimate\))?$", source)
    if m:
        head = quoted(_unrepr(m["h"]), lang)
        text = f"colonne {head} de la feuille" if lang == "fr" else f"sheet column {head}"
        return text + ((" (estimation)" if lang == "fr" else " (estimate)") if m["est"] else "")
    m = re.match(r"^list (?P<where>.+) column (?P<h>.+)$", source)
    if m:
        head = quoted(_unrepr(m["h"]), lang)
        where = "" if m["where"] == "the list" else f" {m['where']}"
        return f"colonne {head} de la liste{where}" if lang == "fr" else f"list{where}, column {head}"
    m = re.match(r"^reading kept in the workspace \((?P<src>.+)\)$", source)
    if m:
        src = {"sheet": ("feuille", "sheet"), "youtube": ("API YouTube", "YouTube API"),
               "instagram": ("API Instagram", "Instagram API")}.get(m["src"], (m["src"], m["src"]))
        return (f"relevé gardé dans l'espace de travail ({src[0]})" if lang == "fr"
                else f"reading kept in the workspace ({src[1]})")
    apis = {"youtube videos.list": ("API YouTube (videos.list)", "YouTube API (videos.list)"),
            "instagram business discovery": ("API Instagram (business discovery)",
                                             "Instagram API (business discovery)")}
    return _pick(apis[source], lang) if source in apis else source


def row_kind_word(kind: str, lang: str) -> str:
    return _pick(ROW_KIND_WORDS.get(kind, (kind, kind)), lang)


def _stage(stage: str, lang: str) -> str:
    from ..labels import stage_word

    return stage_word(stage, lang)


def _network(name: str) -> str:
    from ..labels import platform_name

    return platform_name(name)


# warnings of `influkit results` and of the report (English in the JSON), said again in the report's language
def _unmatched_rows(m: re.Match[str], lang: str, source: str, rows: str, *, of_report: bool) -> str:
    """"N rows of SOURCE match no creator (of the report), not counted: ROWS (and M others)" in `lang`, from
    a warning's match (groups n and more)."""
    n, more = int(m["n"]), int(m["more"] or 0)
    if lang == "fr":
        return (f"{count(n, 'row', lang)} {source} {'ne correspond' if n < 2 else 'ne correspondent'} à aucun "
                f"créateur{' du bilan' if of_report else ''}, {'non comptée' if n < 2 else 'non comptées'} : {rows}"
                + (f" et {count(more, 'other', lang)}" if more else ""))
    return (f"{count(n, 'row', lang)} {source} {'matches' if n == 1 else 'match'} no creator"
            f"{' of the report' if of_report else ''}, not counted: {rows}"
            + (f" and {count(more, 'other', lang)}" if more else ""))


def _sessions_orders(sessions: int, orders: int, lang: str) -> str:
    """"(12 sessions, 1 order)" in `lang` (French: one session under two)."""
    one = sessions < 2 if lang == "fr" else sessions == 1
    return f"({num(sessions, lang)} {'session' if one else 'sessions'}, {count(orders, 'order', lang)})"


def _places_fr(places: str) -> str:
    """"tab 'Posts' row 2, row 3 and tab 'Juin' row 4" (`metrics.posts.same_post_notes`) in French."""
    def one(m: re.Match[str]) -> str:
        return f"l'onglet {m['tab']} ligne {m['row']}" if m["tab"] else f"la ligne {m['row']}"

    return re.sub(r"(?:tab (?P<tab>'[^']*') )?row (?P<row>\d+)", one, places).replace(" and ", " et ")


_WARNINGS: list[tuple[re.Pattern[str], Any]] = [
    # several posts tabs (`campaign.posts.read_grids`) and a post in two of them (`metrics.posts.twice_note`)
    (re.compile(r"^read tabs? (?P<read>.+) as posts; not read: (?P<left>.+?) \(no caption nor post link column"
                r".*; --sheet NAME reads one tab\)$"),
     lambda m, lang: (f"onglets lus comme publications : {m['read']} ; non lus : "
                      f"{m['left'].replace('(hidden)', '(masqué)')} (ni légende ni lien de publication ; --sheet NOM "
                      "lit un seul onglet)" if lang == "fr" else m[0])),
    (re.compile(r"^read the hidden tab\(s\) (?P<read>.+): no visible tab \((?P<shown>.+)\) has a caption or post "
                r"link column .*$"),
     lambda m, lang: (f"onglet(s) masqué(s) lu(s) : {m['read']} ; aucun onglet visible ({m['shown']}) n'a de colonne "
                      "de légende ni de lien de publication" if lang == "fr" else m[0])),
    (re.compile(r"^post (?P<link>\S+) is in (?P<file>.+?), (?P<places>(?:tab '.+' )?row \d+.*): counted once, with "
                r"the figures of (?P<kept>(?:tab '.+' )?row \d+) \(.*\)$"),
     lambda m, lang: (f"la publication {m['link']} est dans {m['file']}, {_places_fr(m['places'])} : comptée une "
                      f"fois, avec les chiffres de {_places_fr(m['kept'])} (la ligne aux chiffres les plus nombreux, "
                      "sinon les plus grands : le relevé le plus récent)" if lang == "fr" else m[0])),
    (re.compile(r"^(?P<n>\d+) orders? used codes no creator has: (?P<codes>.+)$"),
     lambda m, lang: (f"{count(int(m['n']), 'order', lang)} avec un code qu'aucun créateur n'a : {m['codes']}"
                      if lang == "fr" else
                      f"{count(int(m['n']), 'order', lang)} with a code no creator has: {m['codes']}")),
    (re.compile(r"^(?P<n>\d+) orders? used the codes of creators in the list with no post in this report \(not "
                r"counted\): (?P<codes>.+)$"),
     lambda m, lang: (f"{count(int(m['n']), 'order', lang)} avec le code d'un créateur de la liste sans publication "
                      f"dans ce bilan ({'non comptée' if int(m['n']) < 2 else 'non comptées'}) : {m['codes']}"
                      if lang == "fr" else m[0])),
    (re.compile(r"^(?P<who>.+): the list has their (?P<has>\S+) account, not their (?P<post>\S+) one: the followers "
                r"and the price of that post are not taken from it$"),
     lambda m, lang: (f"{m['who']} : la liste a son compte {_network(m['has'])}, pas son compte {_network(m['post'])} : "
                      "les abonnés et le prix de cette publication n'en sont pas tirés" if lang == "fr" else
                      f"{m['who']}: the list has their {_network(m['has'])} account, not their "
                      f"{_network(m['post'])} one: the followers and the price of that post are not taken from it")),
    (re.compile(r"^column (?P<h>'.*'|\".*\") names the posts' (?P<name>\w+) but is not read: (?:the column "
                r"(?P<other>'.*'|\".*\") gives them|its cells are not counts) \(--map (?P<map>\".*\") reads it\)$"),
     lambda m, lang: (f"la colonne {quoted(_unrepr(m['h']), 'fr')} désigne les {field_name(m['name'], 'fr', False)} "
                      "des publications mais n'est pas lue : "
                      + (f"la colonne {quoted(_unrepr(m['other']), 'fr')} les donne" if m["other"]
                         else "ses cellules ne sont pas des nombres")
                      + f" (--map {m['map']} la fait lire)" if lang == "fr" else m[0])),
    (re.compile(r"^(?P<who>.+): the list's price is a range \((?P<lo>[\d.]+)-(?P<hi>[\d.]+)\): its middle, "
                r"(?P<mid>[\d.]+), is the cost$"),
     lambda m, lang: (f"{m['who']} : le prix de la liste est une fourchette ({num(float(m['lo']), lang)}-"
                      f"{num(float(m['hi']), lang)}) : son milieu, {num(float(m['mid']), lang)}, est le coût"
                      if lang == "fr" else m[0])),
    (re.compile(r"^(?P<who>.+): the list's price \((?P<price>[\d.]+)\) is a quote at stage (?P<stage>\S+), no deal: "
                r"not counted as a cost$"),
     lambda m, lang: (f"{m['who']} : le prix de la liste ({num(float(m['price']), lang)}) est un devis au stade "
                      f"« {_stage(m['stage'], lang)} », sans contrat signé : il ne compte pas dans le coût"
                      if lang == "fr" else
                      f"{m['who']}: the list's price ({num(float(m['price']), lang)}) is a quote at stage "
                      f"{_stage(m['stage'], lang)}, no deal: not counted as a cost")),
    (re.compile(r"^(?P<n>\d+) rows? of the clicks export \((?P<clicks>\d+) clicks?\) match(?:es)? no creator of "
                r"the report, not counted: (?P<rows>.+?)(?: and (?P<more>\d+) others?)?$"),
     lambda m, lang: _unmatched_rows(
         m, lang, ("de l'export de clics" if lang == "fr" else "of the clicks export")
         + f" ({count(int(m['clicks']), 'click', lang)})", m["rows"], of_report=True)),
    (re.compile(r"^(?P<n>\d+) rows? of the UTM analytics \((?P<s>\d+) sessions?, (?P<o>\d+) orders?\) match(?:es)? no "
                r"creator, not counted: (?P<rows>.+?)(?: and (?P<more>\d+) others?)?$"),
     lambda m, lang: _unmatched_rows(
         m, lang, ("de l'export d'analyse UTM " if lang == "fr" else "of the UTM analytics ")
         + _sessions_orders(int(m["s"]), int(m["o"]), lang),
         m["rows"] if lang != "fr" else re.sub(r"\((\d+) sessions?, (\d+) orders?\)",
                                               lambda x: _sessions_orders(int(x[1]), int(x[2]), lang), m["rows"]),
         of_report=False)),
    (re.compile(r"^CPA, ROI and ROAS count the creators with a cost only: the (?P<n>\d+) orders? of (?P<who>.+) "
                r"\(no deal, no cost\) (?:is|are) left out of them$"),
     lambda m, lang: (f"CPA, ROI et ROAS ne comptent que les créateurs dont le coût est connu : "
                      f"{'la commande' if int(m['n']) < 2 else 'les ' + count(int(m['n']), 'order', lang)} de {m['who']} (sans "
                      f"contrat, sans coût) en {'est laissée' if int(m['n']) < 2 else 'sont laissées'} de côté"
                      if lang == "fr" else m[0])),
    (re.compile(r"^prices without a currency on (?P<n>\d+) creators? taken as (?P<cur>\S+), the orders' currency "
                r"\(add a currency column to say otherwise\)$"),
     lambda m, lang: (f"prix sans devise pour {count(int(m['n']), 'creator', lang)} : comptés en {m['cur']}, la "
                      "devise des commandes (une colonne devise dirait le contraire)" if lang == "fr" else
                      f"prices without a currency for {count(int(m['n']), 'creator', lang)} taken as {m['cur']}, "
                      "the orders' currency (add a currency column to say otherwise)")),
    (re.compile(r"^promo code (?P<code>.+) is on rows of (?P<names>.+): counted as one person$"),
     lambda m, lang: (f"le code promo {m['code']} figure sur les lignes de {m['names']} : comptés comme une seule "
                      "personne" if lang == "fr" else m[0])),
    (re.compile(r"^(?P<who>.+): price (?P<price>\S+) on several sheet rows counted once$"),
     lambda m, lang: (f"{m['who']} : prix de {m['price']} sur plusieurs lignes de la feuille, compté une fois"
                      if lang == "fr" else m[0])),
    (re.compile(r"^(?P<who>.+): amounts in (?P<curs>.+): no sum across currencies \(the amounts that mix them "
                r"left empty\)$"),
     lambda m, lang: (f"{m['who']} : montants en {m['curs']}, jamais additionnés d'une devise à l'autre (les "
                      "montants qui les mêleraient laissés vides)"
                      if lang == "fr" else m[0])),
    (re.compile(r"^no price on the sheet for (?P<who>.+) \(paid stage\): cost unknown, not 0; CPA, ROI and ROAS "
                r"left empty for them and in the totals$"),
     lambda m, lang: (f"pas de prix dans la feuille pour {m['who']} (contrat signé ou publié) : coût inconnu, pas 0 ; "
                      "CPA, ROI et ROAS laissés vides pour eux et dans les totaux" if lang == "fr" else m[0])),
    (re.compile(r"^(?P<n>\d+) rows? with a negative total \(refund lines\) left out: refunds count through their "
                r"order's status or refunded amount$"),
     lambda m, lang: (f"{count(int(m['n']), 'row', lang)} de total négatif (lignes de remboursement) "
                      f"{'laissée' if int(m['n']) < 2 else 'laissées'} de "
                      "côté : un remboursement compte par le statut ou le montant remboursé de sa commande"
                      if lang == "fr" else
                      f"{count(int(m['n']), 'row', lang)} with a negative total (refund lines) left out: refunds "
                      "count through their order's status or refunded amount")),
    (re.compile(r"^orders in (?P<sold>.+) \(costs in (?P<costs>.+)\): revenue, ROAS and ROI left empty, but a "
                r"creator's whose orders are all in the costs' currency; the costs, CPA and the cost ratios stand$"),
     lambda m, lang: (f"commandes en {m['sold']} (coûts en "
                      f"{'aucune devise' if m['costs'] == 'no currency' else m['costs']}) : chiffre d'affaires, ROAS "
                      "et ROI laissés vides, sauf pour un créateur dont toutes les commandes sont dans la devise des "
                      "coûts ; les coûts, le CPA et les ratios de coût restent" if lang == "fr" else m[0])),
    (re.compile(r"^amounts in several currencies \((?P<curs>.+)\) are never added: money totals and ratios left "
                r"empty$"),
     lambda m, lang: (f"montants en plusieurs devises ({m['curs']}) jamais additionnés : totaux et ratios en "
                      "argent laissés vides" if lang == "fr" else m[0])),
    (re.compile(r"^costs in several currencies \((?P<curs>.+)\) are never added: costs and their ratios \(CPE, CPM, "
                r"CPA, ROAS, ROI\) left empty; the revenue, all in (?P<cur>\S+), stands$"),
     lambda m, lang: (f"coûts en plusieurs devises ({m['curs']}) jamais additionnés : coûts et ratios de coût (CPE, "
                      f"CPM, CPA, ROAS, ROI) laissés vides ; le chiffre d'affaires, tout en {m['cur']}, reste"
                      if lang == "fr" else m[0])),
    (re.compile(r"^(?P<file>.+?)(?:, sheet (?P<sheet>'.*?'))?, row (?P<row>\d+), column (?P<col>'.*'): date "
                r"(?P<day>\S+) is after today \((?P<today>\S+)\): a typo, or the day and month swapped\? \(the "
                r"column's order is decided from all its dates\)$"),
     lambda m, lang: (f"{m['file']}{', feuille ' + m['sheet'] if m['sheet'] else ''}, ligne {m['row']}, colonne "
                      f"{m['col']} : date {m['day']} postérieure à aujourd'hui ({m['today']}) : une faute de frappe, "
                      "ou le jour et le mois inversés ? (l'ordre jour/mois de la colonne est décidé par toutes ses "
                      "dates)" if lang == "fr" else m[0])),
]


def warning(text: str, lang: str) -> str:
    """A warning of the report's JSON in the report's language (an unknown one as it is)."""
    for pattern, say_it in _WARNINGS:
        m = pattern.match(text)
        if m:
            return str(say_it(m, lang))
    return text


NOTES: dict[str, tuple[str, str]] = {
    "post readings are not kept without a workspace (--no-store)": (
        "relevés des publications non conservés sans espace de travail (--no-store)",
        "post readings are not kept without a workspace (--no-store)"),
}


def note(text: str, lang: str) -> str:
    return _pick(NOTES[text], lang) if text in NOTES else text


def campaign_words(name: str, lang: str) -> str:
    """A workspace campaign named to a client: « Printemps » de l'espace de travail; the default campaign
    without its internal name."""
    if name.strip().casefold() == DEFAULT_CAMPAIGN:
        return "campagne de l'espace de travail" if lang == "fr" else "workspace campaign"
    return (f"campagne {quoted(name, lang)} de l'espace de travail" if lang == "fr"
            else f"workspace campaign {quoted(name, lang)}")


_RECORDED = re.compile(r"^campaign (?P<name>.+) \(posts recorded with `influkit set --post`\)$")


def recorded_posts(source: str) -> bool:
    """Whether the posts are a workspace campaign's recorded ones (their columns are influkit's own)."""
    return _RECORDED.match(source) is not None


def posts_source(source: str, lang: str) -> str:
    """Where the posts came from: a file name, or a workspace campaign's recorded posts."""
    m = _RECORDED.match(source)
    if not m:
        return source
    what = campaign_words(_unrepr(m["name"]), lang)
    return (f"{what} (publications enregistrées avec `influkit set --post`)" if lang == "fr"
            else f"{what} (posts recorded with `influkit set --post`)")


def missing_key(network: str, key: str, posts: int, lang: str) -> str:
    """YouTube : YOUTUBE_API_KEY non renseigné, chiffres de la feuille pour 3 publications."""
    if lang == "fr":
        return f"{_network(network)} : {key} non renseigné, chiffres de la feuille pour {count(posts, 'post', lang)}"
    return f"{_network(network)}: {key} not set, the sheet's numbers for {count(posts, 'post', lang)}"
