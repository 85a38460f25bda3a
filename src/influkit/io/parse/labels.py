"""Labels: stages (with negations and free-text statuses), outreach channels, e-mails."""

from __future__ import annotations

import re
from functools import lru_cache

from ...text import fold_key
from ._base import _CACHE, _MISSING_WORDS, _Bad, _cannot, _clean, _missing_str, _text_cell

__all__ = ["parse_channel", "parse_email", "parse_emails", "parse_stage"]

# ---------------------------------------------------------------------------------------------- stages


def _words(*alts: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b")


# Lost stages are tested first (negations: "pas de réponse", "pas intéressé", "non signé").
_LOST_STAGE_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("no_reply", _words(
        r"pas de reponses?", r"sans reponses?", r"aucune reponses?", r"pas de retours?", r"sans retours?",
        r"aucun retour", r"jamais repondu", r"pas repondu", r"non repondu", r"ne repond pas", r"repond pas",
        r"nrp", r"ghost", r"ghoste", r"ghostee?s?", r"ghosted", r"ghosting", r"no reply", r"no replies",
        r"no response", r"no answer", r"not responded", r"never replied", r"never responded",
        r"unresponsive", r"injoignable", r"silence radio",
    )),
    ("declined", _words(
        r"refus", r"refusee?s?", r"refused", r"declinee?s?", r"declined", r"pas interessee?s?",
        r"non interessee?s?", r"not interested", r"(?:is|was|are|were)n ?t interested", r"no longer interested",
        r"(?:does|do|did)n ?t want", r"rejetee?s?", r"rejected", r"reject", r"lost", r"perdue?s?",
        r"non signee?", r"pas signee?", r"not signed", r"annulee?s?", r"cancell?ed", r"abandonnee?s?",
        r"abandon", r"abandoned", r"dropped", r"sans suite", r"reponse negative", r"negatif", r"negative",
        r"no go", r"nogo", r"ko", r"trop cher", r"too expensive", r"pas dispo", r"pas disponible",
        r"indisponible", r"unavailable", r"blacklistee?", r"blacklisted", r"non retenue?s?",
        r"pas retenue?s?", r"not selected", r"no deal", r"declines?", r"no thanks?", r"no thank you",
        r"non merci", r"pas pour (?:moi|nous|elle|lui)", r"not for (?:me|us|her|him|them)", r"turned down",
        r"said no", r"a dit non", r"not a (?:good )?fit", r"pas (?:le bon )?fit", r"passe son tour",
    )),
)
# Positive stages: the furthest one mentioned wins ("Relancé, a répondu" -> replied).
_STAGE_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("published", _words(
        r"publiee?s?", r"publication faite", r"en ligne", r"mise? en ligne", r"postee?s?", r"published",
        r"posted", r"live", r"is live", r"done", r"terminee?s?", r"finie?s?", r"finished", r"completed?",
        r"diffusee?s?", r"realisee?s?",
    )),
    ("deal", _words(
        r"signee?s?", r"deal", r"deal ok", r"acceptee?s?", r"accepted", r"validee?s?", r"validated",
        r"signed", r"won", r"gagnee?", r"booked?", r"bookee?", r"confirmed", r"confirmee?s?", r"brief envoye",
        r"(?:produits?|colis|gifting|cadeaux?|box|echantillons?|dotations?) (?:offerts? )?envoyee?s?",
        r"(?:products?|gifts?|gifting|package|parcel|samples?|box) (?:sent|shipped|delivered)",
        r"planifiee?", r"scheduled",
    )),
    ("negotiating", _words(
        r"negos?", r"negociations?", r"negocie", r"negociating", r"negotiating", r"negotiations?",
        r"en discussions?", r"discussions?", r"discute", r"discussing", r"devis", r"devis recu",
        r"contre proposition", r"proposition recue", r"in talks", r"talks", r"tarifs? recus?",
        r"media kit recu", r"kit media recu", r"rate card", r"pricing", r"contrats? (?:envoyee?s?|en cours|a signer|en preparation)",
        r"contracts? (?:sent|pending|in progress|to sign)",
        r"in negotiation",
    )),
    ("replied", _words(
        r"a repondu", r"repondu", r"reponse", r"reponse recue", r"reponse positive", r"repond",
        r"interessee?s?", r"interessant", r"interested", r"replied", r"reply", r"responded", r"response",
        r"answered", r"retour", r"retour positif", r"retour recu", r"positif", r"positive",
    )),
    ("contacted", _words(
        r"contactee?s?", r"contacted", r"relancee?s?", r"relancer", r"relance \d", r"dm envoye",
        r"mail envoye", r"email envoye", r"message envoye", r"mp envoye", r"envoyee?s?", r"sent",
        r"dm sent", r"email sent", r"followed up", r"follow up", r"followup", r"reached out", r"reach out",
        r"en attente", r"attente", r"waiting", r"pending", r"awaiting", r"outreach", r"approchee?s?",
        r"premier contact", r"1er contact", r"prise de contact", r"contact pris", r"in contact",
        r"en contact", r"in progress", r"en cours", r"ongoing", r"started",  # Modash: InProgress
        r"chased", r"chase", r"chasing", r"nudged?", r"reminded", r"reminder sent", r"rappel(?:ee?)?",
        r"relances?", r"pinged", r"messaged", r"emailed", r"mailed", r"dm(?: ?e|'?d)",
    )),
    ("identified", _words(
        r"reperee?s?", r"a contacter", r"identifiee?s?", r"identified", r"prospects?", r"shortlist",
        r"shortlistee?s?", r"short list", r"shortlisted", r"to contact", r"new", r"nouveau", r"nouvelle",
        r"leads?", r"todo", r"to do", r"a faire", r"idee", r"backlog", r"found", r"sourced", r"sourcing",
        r"target", r"ciblee?s?", r"a approcher", r"a prospecter", r"potentiel", r"potential", r"watchlist",
    )),
)
# Negations of a positive stage: "Not contacted", "pas encore contacté", "jamais contacté", "NotStarted".
# A plain negation means the stage before it or its loss; "not yet" means the person is still before it.
# English contractions fold to two words ("didn't" -> "didn t"); "hasn't" / "haven't" (so far) mean "not yet".
_NEG = (r"(?:pas|non|jamais|not|never|no|sans|aucun|aucune|n|nicht|nie|sin|senza"
        r"|(?:did|does|do|is|was|are|were|wo|ca|could)n ?t|(?P<so_far>(?:has|have|had)n ?t))")
_YET = r"(?:encore|yet|still|toujours|d ailleurs|vraiment)"
_FILLER = r"(?:(?:ete|been|a|as|has|have|had|is|was|deja|du tout|really|fully|de|d|du|des|la|le|les|l)\s+)*"
_NEG_RES: dict[str, re.Pattern[str]] = {
    stage: re.compile(r"\b" + _NEG + r"\s+(?:(?P<yet>" + _YET + r")\s+)?" + _FILLER + r"(?:" + rx.pattern[5:-3]
                      + r")\b(?P<yet_after>\s+(?:" + _YET + r")\b)?")
    for stage, rx in _STAGE_RES
}
# A refusal negated ("Not declined", "pas refusé"): no stage said; an issue rather than the refusal itself.
_NOT_LOST_RE = re.compile(r"\b" + _NEG + r"\s+" + _FILLER + r"(?:refusee?s?|refused|declinee?s?|declined|rejetee?s?"
                          r"|rejected|annulee?s?|cancell?ed|lost|perdue?s?|abandonnee?s?|abandoned)\b")
# Interest with an objection on the price is a negotiation, not a refusal.
_OBJECTION_RE = _words(r"interessee?s? mais (?:trop cher|cher|hors budget)",
                       r"interested but (?:too expensive|pricey|over budget|out of budget)")
# "en attente de réponse" means contacted, not replied.
_WAITING_RE = re.compile(
    r"\b(?:(?:en )?attente (?:d |de )?(?:la |sa |une )?(?:reponse|retour)s?"
    r"|(?:waiting for|awaiting|pending)(?: an?| their)? (?:reply|response|answer)s?)\b"
)


_NEGATED: dict[str, tuple[str, str]] = {  # stage -> (plain negation, "not yet")
    "contacted": ("identified", "identified"),
    "replied": ("no_reply", "contacted"),
    "negotiating": ("replied", "replied"),
    "deal": ("declined", "negotiating"),
    "published": ("deal", "deal"),
    "identified": ("identified", "identified"),
}
_STARTED_RE = re.compile(r"\b" + _NEG + r"\s+(?:" + _YET + r"\s+)?(?:started|commencee?|demarree?|begun|initiated|lancee?)\b")
# Free-text statuses whose meaning is clear ("ok pour collab" is a deal; "attente devis" a negotiation).
_FREE_STATUS_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("deal", _words(
        r"ok pour (?:une |la |le )?(?:collab\w*|partenariat|campagne|deal|placement)", r"ok collab\w*",
        r"okay for (?:a |the )?collab\w*", r"partante?s? pour", r"d accord pour", r"accepte (?:la |le )?\w+",
        r"go pour", r"go collab\w*", r"approved", r"approuvee?s?", r"agreed", r"on board",
        r"en cours de (?:production|tournage|creation)",
    )),
    ("negotiating", _words(r"attente (?:du |de |d )?(?:devis|tarifs?|prix|media ?kit|kit media|contrat)",
                           r"waiting for (?:a |the )?(?:quote|rates?|price|media ?kit|contract)")),
)


def _negated_stage(key: str, yet_only: bool = False) -> str | None:
    """The stage a negated one means: "pas encore contacté" is identified, "no reply" no_reply. With
    `yet_only`, only a "not yet" ("not signed yet", "hasn't replied"), which speaks before any refusal."""
    if _STARTED_RE.search(key):
        return "identified"
    for stage, rx in _NEG_RES.items():
        m = rx.search(key)
        if m is not None:
            plain, not_yet = _NEGATED[stage]
            yet = m["yet"] or m["yet_after"] or m["so_far"]
            if yet or not yet_only:
                return not_yet if yet else plain
    return None


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=_CACHE)
def _stage_str(s: str) -> str | None | _Bad:
    if _missing_str(s):
        return None
    key = fold_key(_CAMEL.sub(" ", s))  # "NotStarted" (Modash) -> "not started"
    if _OBJECTION_RE.search(key):
        return "negotiating"
    yet = _negated_stage(key, yet_only=True)  # "not signed yet" is no refusal
    if yet is not None:
        return yet
    if _NOT_LOST_RE.search(key):
        return _Bad(_cannot(s))
    for stage, rx in _LOST_STAGE_RES:
        if rx.search(key):
            return stage
    negated = _negated_stage(key)
    if negated is not None:
        return negated
    for stage, rx in _FREE_STATUS_RES:
        if rx.search(key):
            return stage
    key = _WAITING_RE.sub(" attente ", key)
    for stage, rx in _STAGE_RES:
        if rx.search(key):
            return stage
    return _Bad(_cannot(s))


def parse_stage(v: object) -> str | None:
    """Funnel stage from French/English status text, by keyword ("Contacté par DM le 3/4" -> contacted)."""
    return _text_cell(v, _stage_str)


# -------------------------------------------------------------------------------------------- channels

# Tested in this order: "mail à l'agence" -> agent, "DM puis mail" -> email.
_CHANNEL_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("agent", _words(
        r"agents?", r"agences?", r"agency", r"agencies", r"managers?", r"talent manager", r"management",
        r"mgmt", r"booker", r"regie",
    )),
    ("email", _words(r"e ?mails?", r"mails?", r"courriels?", r"gmail", r"outlook")),
    ("dm", _words(
        r"dms?", r"mps?", r"messages? prives?", r"private messages?", r"pm", r"direct", r"direct messages?",
        r"inbox", r"messagerie", r"messages?", r"instagram", r"insta", r"ig", r"tiktok", r"linkedin",
    )),
    ("phone", _words(
        r"telephone", r"tel", r"phone", r"appels?", r"call", r"called", r"appelee?", r"sms", r"whatsapp",
        r"texto", r"visio",
    )),
    ("form", _words(
        r"formulaires?", r"forms?", r"site", r"site web", r"website", r"contact form", r"typeform",
    )),
    ("other", _words(r"autres?", r"other", r"evenement", r"event", r"salon", r"irl", r"en personne",
                     r"in person")),
)


@lru_cache(maxsize=_CACHE)
def _channel_str(s: str) -> str | None | _Bad:
    if _missing_str(s):
        return None
    key = fold_key(s)
    for channel, rx in _CHANNEL_RES:
        if rx.search(key):
            return channel
    return _Bad(_cannot(s))


def parse_channel(v: object) -> str | None:
    """Outreach channel: dm, email, agent, phone, form or other ("Instagram DM" -> dm, "agence" -> agent)."""
    return _text_cell(v, _channel_str)


# ---------------------------------------------------------------------------------------------- emails

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+"
_EMAIL_RE = re.compile(
    r"(?<![\w.+\-])(" + _ATOM + r"(?:\." + _ATOM + r")*)@"
    r"((?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63})(?![\w\-])"
)


@lru_cache(maxsize=_CACHE)
def _email_str(s: str) -> str | None | _Bad:
    t = _clean(s)
    if t.lower() in _MISSING_WORDS:
        return None
    m = _EMAIL_RE.search(t)  # the first address of "a@x.fr; b@y.fr", inside "Léa <a@x.fr>", "mailto:a@x.fr"
    if m is None:
        return _Bad(_cannot(s))
    return f"{m[1]}@{m[2].lower()}"


def parse_email(v: object) -> str | None:
    """First e-mail address in the cell, domain lower-cased; "mailto:" and display names are dropped."""
    return _text_cell(v, _email_str)


@lru_cache(maxsize=_CACHE)
def _emails_str(s: str) -> tuple[str, ...]:
    out: list[str] = []
    for m in _EMAIL_RE.finditer(_clean(s)):
        address = f"{m[1]}@{m[2].lower()}"
        if address.lower() not in (a.lower() for a in out):
            out.append(address)
    return tuple(out)


_WORD = re.compile(r"[^\W_][\w'’.\-]*")  # a word of what is left beside the addresses ("Jean-Pierre" is one)
_MAILTO = re.compile(r"mailto:", re.IGNORECASE)


@lru_cache(maxsize=_CACHE)
def words_beside_emails(s: str) -> int:
    """How many words a cell holds beside its e-mail addresses ("mailto:", brackets, separators, emoji
    and other symbols are no words): 0 for "a@x.fr; b@y.fr", 1 for "📩 Email : a@x.fr", 2 for
    "Léa Martin <a@x.fr>", 5 for "Relancer via a@x.fr la semaine pro"."""
    rest = _EMAIL_RE.sub(" ", _MAILTO.sub(" ", _clean(s)))
    return len(_WORD.findall(rest))


def parse_emails(v: object) -> list[str]:
    """Every e-mail address in the cell, in order, without repeats ("a@x.fr; b@y.fr" -> both). Never raises."""
    return list(_emails_str(v)) if isinstance(v, str) else []
