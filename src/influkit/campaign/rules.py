"""The disclosure rules: ids, rule sets, legal sources and the reasons a client reads, in French and English.

Ids and severities come from ../shared/notes/compliance.md (FR-01..FR-18, US-01..06, UK-01..03, EU-01..02);
EU-03 (no disclosure at all) and EU-04 (after the "more" cut) are added here so that every rule set can say
"missing" and "late". docs/compliance.md explains each rule.

A finding has a level: "block" (a banned promotion), "fail" (missing, insufficient or late disclosure;
a required mention absent), "warn" (a human must check: what a caption cannot tell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import UsageError

RULE_SETS: tuple[str, ...] = ("fr", "us", "uk", "eu")
_ALIASES = {"fr": "fr", "france": "fr", "arpp": "fr", "us": "us", "usa": "us", "ftc": "us", "uk": "uk", "gb": "uk",
            "asa": "uk", "cap": "uk", "eu": "eu", "ue": "eu", "eea": "eu", "dsa": "eu", "all": "*"}
LEVELS: tuple[str, ...] = ("ok", "warn", "fail", "block")  # worst last
DISCLOSURES: tuple[str, ...] = ("ok", "late", "insufficient", "missing")  # worst last


def parse_rule_sets(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """("fr", "us") from "fr,us", ["FR", "ftc"], "all"; a UsageError names a bad one."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else [p for v in value for p in str(v).split(",")]
    out: list[str] = []
    for item in items:
        name = item.strip().lower()
        if not name:
            continue
        code = _ALIASES.get(name)
        if code is None:
            raise UsageError(f"unknown rule set {item.strip()!r}; use {', '.join(RULE_SETS)} (or all)")
        for c in RULE_SETS if code == "*" else (code,):
            if c not in out:
                out.append(c)
    return tuple(out)


_CITE_SPLIT = re.compile(r"\s?;\s")  # between a source's own citations ("CAP Code rule 2.1 ; ASA/CMA ...")


@dataclass(frozen=True)
class Source:
    cite: str  # short citation, as shown in reasons
    url: str
    cite_fr: str = ""  # the citation in French reasons, when its own title is not French
    cite_en: str = ""  # the citation in English reasons, when its own title holds French words (the law's
    # name and numbers stay as the law writes them: "loi n° 2023-451 art. 5")


SOURCES: dict[str, Source] = {
    "L5-2": Source("loi n° 2023-451 art. 5-2 (mod. ord. n° 2024-978)",
                   "https://legal.tricoteuses.fr/articles/LEGIARTI000050457275",
                   cite_en="loi n° 2023-451 art. 5-2 (as amended by ordonnance n° 2024-978)"),
    "L5": Source("loi n° 2023-451 art. 5", "https://legal.tricoteuses.fr/articles/LEGIARTI000050468897"),
    "L5-2023": Source("loi n° 2023-451 art. 5, texte de 2023",
                      "https://tgs-avocats.fr/blog/encadrement-activite-influenceurs",
                      cite_en="loi n° 2023-451 art. 5, as written in 2023"),
    "ORD": Source("ordonnance n° 2024-978 du 6 nov. 2024", "https://www.vie-publique.fr/loi/296047",
                  cite_en="ordonnance n° 2024-978 of 6 Nov. 2024"),
    "L4": Source("loi n° 2023-451 art. 4", "https://senat.fr./leg/tas22-123.html"),
    "L4-JEUX": Source("loi n° 2023-451 art. 4 (jeux d'argent) ; CSI art. D.320-9, D.320-10",
                      "https://www.assemblee-nationale.fr/dyn/16/amendements/1006/AN/174",
                      cite_en="loi n° 2023-451 art. 4 (gambling); Code de la sécurité intérieure art. D.320-9, "
                              "D.320-10"),
    "L3": Source("loi n° 2023-451 art. 3", "https://juriblio.fr/lois/loi-no-2023-451-du-9-juin-2023/181880913/"
                 "titre-ier/chapitre-ii/section-1"),
    "EVIN": Source("loi n° 2023-451 art. 3 ; CSP art. L.3323-2 à L.3323-4 (loi Evin)",
                   "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006072665/LEGISCTA000006171234/",
                   cite_en="loi n° 2023-451 art. 3; Code de la santé publique art. L.3323-2 to L.3323-4 (Evin law)"),
    "FOOD": Source("loi n° 2023-451 art. 3 ; CSP art. L.2133-1", "https://www.mangerbouger.fr",
                   cite_en="loi n° 2023-451 art. 3; Code de la santé publique art. L.2133-1"),
    "VAPE": Source("loi n° 2023-451 art. 4 ; CSP art. L.3513-4 (publicité du vapotage)",
                   "https://senat.fr./leg/tas22-123.html",
                   cite_en="loi n° 2023-451 art. 4; Code de la santé publique art. L.3513-4 (vaping advertising)"),
    "MIN": Source("loi n° 2020-1266", "https://consignations.caissedesdepots.fr/entreprise/deposer-la-remuneration-"
                  "des-enfants/remuneration-des-enfants-exposes-sur-les-plateformes-en-ligne"),
    "ARPP": Source("ARPP, fiche « Communication d'influenceurs et marques » (mai 2024)",
                   "https://www.arpp.org/actualite/arpp-actualise-fiche-pratique-communication-influenceurs-et-marques",
                   cite_en="ARPP, guidance sheet « Communication d'influenceurs et marques » (May 2024)"),
    "LCEN": Source("loi n° 2004-575 (LCEN) art. 20", "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000801164"),
    "FTC": Source("FTC Endorsement Guides, 16 CFR 255 (2023) ; FTC, Disclosures 101",
                  "https://www.ftc.gov/business-guidance/resources/disclosures-101-social-media-influencers"),
    "FTC-FAQ": Source("FTC, Endorsement Guides FAQs (2023)",
                      "https://www.ftc.gov/business-guidance/resources/ftcs-endorsement-guides-what-people-are-asking"),
    "ASA": Source("CAP Code rule 2.1 ; ASA/CMA Influencers' guide (2023)",
                  "http://www.asa.org.uk/resource/influencers-guide.html"),
    "EU-SWEEP": Source("European Commission / CPC sweep of influencers (Feb 2024)",
                       "https://europeansting.com/2024/02/15/investigation-of-the-commission-and-consumer-"
                       "authorities-finds-that-online-influencers-rarely-disclose-commercial-content",
                       "Commission européenne / réseau CPC, contrôle des influenceurs (févr. 2024)"),
    "DSA": Source("DSA (Regulation (EU) 2022/2065) art. 26(2)", "https://eur-lex.europa.eu/eli/reg/2022/2065/oj",
                  "DSA (règlement (UE) 2022/2065) art. 26, § 2"),
    "UCPD": Source("UCPD (Directive 2005/29/EC) art. 7(2), Annex I no. 11",
                   "https://eur-lex.europa.eu/eli/dir/2005/29/oj",
                   "directive 2005/29/CE (pratiques commerciales déloyales) art. 7, § 2, annexe I, point 11"),
}


@dataclass(frozen=True)
class Rule:
    id: str
    rule_set: str
    title_fr: str
    title_en: str
    sources: tuple[str, ...]


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("FR-01", "fr", "Mention « Publicité » ou « Collaboration commerciale »", "'Publicité' or "
         "'Collaboration commerciale' mention", ("L5-2", "ORD", "ARPP")),
    Rule("FR-02", "fr", "Mention visible sans déplier la légende", "Mention visible without 'more'",
         ("L5-2", "ARPP", "EU-SWEEP")),
    Rule("FR-03", "fr", "Mention compréhensible par le public français", "Mention a French audience understands",
         ("L5-2", "ARPP")),
    Rule("FR-04", "fr", "Tags ambigus seuls", "Ambiguous tags alone", ("L5-2", "ARPP", "EU-SWEEP")),
    Rule("FR-05", "fr", "Mention sur la vidéo elle-même", "Mention on the video itself", ("L5-2023", "L5-2")),
    Rule("FR-06", "fr", "« Images retouchées »", "'Images retouchées'", ("L5",)),
    Rule("FR-07", "fr", "« Images virtuelles »", "'Images virtuelles'", ("L5",)),
    Rule("FR-08", "fr", "Actes à visée esthétique", "Aesthetic procedures", ("L4", "ORD")),
    Rule("FR-09", "fr", "Substitution à un traitement", "Therapeutic substitution", ("L4",)),
    Rule("FR-10", "fr", "Produits nicotinés et vapotage", "Nicotine and vaping products", ("VAPE",)),
    Rule("FR-11", "fr", "Animaux sauvages", "Wild animals", ("L4",)),
    Rule("FR-12", "fr", "Produits financiers et crypto-actifs", "Financial products and crypto-assets", ("L4",)),
    Rule("FR-13", "fr", "Abonnements à des pronostics sportifs", "Sports-betting tips subscriptions", ("L4",)),
    Rule("FR-14", "fr", "Jeux d'argent", "Gambling", ("L4-JEUX",)),
    Rule("FR-15", "fr", "Alcool (loi Evin)", "Alcohol (loi Evin)", ("EVIN",)),
    Rule("FR-16", "fr", "Message sanitaire alimentaire", "Food health message", ("FOOD",)),
    Rule("FR-17", "fr", "Formations financées par le CPF", "Training paid by the CPF", ("L5",)),
    Rule("FR-18", "fr", "Créateurs de moins de 16 ans", "Creators under 16", ("MIN",)),
    Rule("US-01", "us", "Material connection disclosed", "Material connection disclosed", ("FTC",)),
    Rule("US-02", "us", "Ambiguous labels", "Ambiguous labels", ("FTC",)),
    Rule("US-03", "us", "Disclosure before 'more', not among hashtags", "Disclosure before 'more', not among hashtags",
         ("FTC",)),
    Rule("US-04", "us", "Disclosure in the video", "Disclosure in the video", ("FTC-FAQ", "FTC")),
    Rule("US-05", "us", "Live streams", "Live streams", ("FTC",)),
    Rule("US-06", "us", "Platform tool alone", "Platform tool alone", ("FTC",)),
    Rule("UK-01", "uk", "'Ad' label", "'Ad' label", ("ASA",)),
    Rule("UK-02", "uk", "Unacceptable labels", "Unacceptable labels", ("ASA",)),
    Rule("UK-03", "uk", "Label upfront", "Label upfront", ("ASA",)),
    Rule("EU-01", "eu", "Platform commercial-content declaration", "Platform commercial-content declaration",
         ("DSA", "EU-SWEEP")),
    Rule("EU-02", "eu", "Generic terms", "Generic terms", ("EU-SWEEP", "UCPD")),
    Rule("EU-03", "eu", "Commercial intent disclosed", "Commercial intent disclosed", ("UCPD",)),
    Rule("EU-04", "eu", "Disclosure visible without 'read more'", "Disclosure visible without 'read more'",
         ("EU-SWEEP", "UCPD")),
)}

# (rule id, variant) -> {"fr": ..., "en": ...}; placeholders filled by compliance.py:
# {mention} labels found as written, {terms} topic words found, {cut} the cut used, {format} the post format,
# {date} publication date, {sector} the brand-profile sector, {registration}, {age}, {signals}.
MESSAGES: dict[tuple[str, str], dict[str, str]] = {
    ("FR-01", "missing"): {
        "fr": "aucune mention « Publicité » ou « Collaboration commerciale », ni équivalent (« sponsorisé », "
              "« partenariat rémunéré »...), ni label « Partenariat rémunéré » de la plateforme{signals}",
        "en": "no 'Publicité' or 'Collaboration commerciale' mention, no equivalent ('sponsorisé', 'partenariat "
              "rémunéré'...) and no platform paid-partnership label{signals}"},
    ("FR-01", "old-text"): {
        "fr": "publié le {date}, avant l'ordonnance 2024-978 : la loi exigeait alors exactement « Publicité » ou "
              "« Collaboration commerciale » ; « {mention} » ne suffisait pas",
        "en": "published on {date}, before ordonnance 2024-978: the law then required exactly 'Publicité' or "
              "'Collaboration commerciale'; '{mention}' was not enough"},
    ("FR-01", "abbrev"): {
        "fr": "« {mention} » est une abréviation : la loi nomme « Publicité » ; le mot entier est plus sûr",
        "en": "'{mention}' is an abbreviation: the law names 'Publicité'; the full word is safer"},
    ("FR-01", "denied"): {
        "fr": "la légende nie ce que dit sa mention ({denied} à côté de « {mention} ») : un lecteur ne sait plus "
              "si c'est une publicité ; retirer la négation",
        "en": "the caption denies what its label says ({denied} beside '{mention}'): a reader can no longer tell "
              "it is an ad; remove the denial"},
    ("FR-01", "flag-off"): {
        "fr": "le label « Partenariat rémunéré » de la plateforme est indiqué comme non activé",
        "en": "the platform's paid-partnership label is marked as not set"},
    ("FR-01", "flag-alone"): {
        "fr": "seul le label « Partenariat rémunéré » de la plateforme est connu : la loi l'admet comme mention "
              "(équivalent adapté au format) ; la légende, absente de la feuille, n'est pas vérifiée",
        "en": "only the platform's paid-partnership label is known: French law accepts it as the mention (an "
              "equivalent adapted to the format); the caption, missing from the sheet, is not checked"},
    ("FR-01", "before-law"): {
        "fr": "publié le {date}, avant la loi 2023-451 : s'appliquait alors l'obligation de rendre la publicité "
              "clairement identifiable (LCEN art. 20) ; verdict donné selon les règles actuelles",
        "en": "published on {date}, before loi 2023-451: advertising then had to be clearly identifiable "
              "(LCEN art. 20); the verdict applies today's rules"},
    ("FR-01", "context"): {
        "fr": "la loi dispense de mention quand l'intention commerciale « ressort déjà du contexte » (ex. compte "
              "de la marque elle-même) : l'outil ne peut pas en juger, le verdict le suppose absent",
        "en": "the law needs no mention when the commercial intent 'already follows from the context' (e.g. the "
              "brand's own account): a checker cannot judge that, the verdict assumes it does not"},
    ("FR-01", "own-account"): {
        "fr": "le compte semble être celui de la marque ({mention}) : l'intention commerciale peut ressortir du "
              "contexte ; à confirmer",
        "en": "the account looks like the brand's own ({mention}): the commercial intent may follow from the "
              "context; to be confirmed"},
    ("FR-02", "late"): {
        "fr": "la mention « {mention} » n'apparaît qu'après la coupure « plus », {at} ({cut}) : invisible sans "
              "déplier la légende, elle n'est pas « claire » ni instantanée",
        "en": "the mention '{mention}' only comes after the 'more' cut, {at} ({cut}): hidden until the caption is "
              "expanded, it is neither clear nor immediate"},
    ("FR-02", "buried"): {
        "fr": "la mention « {mention} » est noyée dans le bloc de hashtags de fin, {at} : la placer en tête",
        "en": "the mention '{mention}' is buried in the closing block of hashtags, {at}: put it first"},
    ("FR-02", "flag-late"): {
        "fr": "le label « Partenariat rémunéré » de la plateforme signale la publicité en tête, mais la mention "
              "écrite « {mention} » n'apparaît qu'après la coupure « plus », {at} ({cut}) : la placer en tête",
        "en": "the platform's paid-partnership label discloses the ad upfront, but the written mention "
              "'{mention}' only comes after the 'more' cut, {at} ({cut}): put it first"},
    ("FR-03", "foreign"): {
        "fr": "seulement des mentions en langue étrangère ({mention}) : pour un public français, la mention doit être "
              "compréhensible, en français (« Publicité », « Collaboration commerciale ») ; l'ARPP juge #ad seul "
              "insuffisant en France",
        "en": "only foreign-language labels ({mention}): for a French audience the mention must be understandable, "
              "in French ('Publicité', 'Collaboration commerciale'); the ARPP deems #ad alone insufficient in France"},
    ("FR-03", "foreign-caption"): {
        "fr": "légende en langue étrangère avec « {mention} » : si le public visé est français, ajouter "
              "« Publicité » ou « Collaboration commerciale »",
        "en": "caption not in French, labelled '{mention}': if the audience is French, add 'Publicité' or "
              "'Collaboration commerciale'"},
    ("FR-04", "ambiguous"): {
        "fr": "seulement des signaux ambigus ({mention}) : ils ne disent pas qu'il s'agit d'une publicité "
              "(un cadeau ou une affiliation contre un contenu est aussi de l'influence commerciale) ; ajouter "
              "« Publicité » ou « Collaboration commerciale »",
        "en": "only ambiguous signals ({mention}): they do not say it is an ad (a gift or an affiliate "
              "commission for content is commercial influence too); add 'Publicité' or 'Collaboration commerciale'"},
    ("FR-05", "video"): {
        "fr": "{format} : mention trouvée seulement dans {where} ; la faire aussi apparaître sur la vidéo (le "
              "texte de 2023 l'exigeait sur la vidéo pendant toute la promotion, le texte actuel « sur tout "
              "support utilisé »)",
        "en": "{format}: mention found in {where} only; show it on the video too (the 2023 text required it "
              "on the video for the whole promotion, the current one 'on every medium used')"},
    ("FR-05", "video-2023"): {
        "fr": "{format} publié le {date} sous le texte de 2023 : la mention devait figurer sur la vidéo pendant "
              "toute la promotion ; le texte incrusté ne la contient pas",
        "en": "{format} published on {date} under the 2023 text: the mention had to be on the video for the whole "
              "promotion; the on-screen text does not carry it"},
    ("FR-06", "missing"): {
        "fr": "le brief prévoit des images retouchées (silhouette ou visage) : mention « Images retouchées » absente",
        "en": "the brief has retouched images (body or face): the 'Images retouchées' mention is absent"},
    ("FR-06", "cue"): {
        "fr": "la légende évoque une retouche ou un filtre ({terms}) : si la silhouette ou le visage est modifié, "
              "la mention « Images retouchées » est obligatoire",
        "en": "the caption mentions retouching or a filter ({terms}): if the body or face is altered, 'Images "
              "retouchées' is required"},
    ("FR-07", "missing"): {
        "fr": "le brief prévoit un visage ou une silhouette générés par IA : mention « Images virtuelles » absente",
        "en": "the brief has an AI-generated face or body: the 'Images virtuelles' mention is absent"},
    ("FR-08", "block"): {
        "fr": "promotion d'un acte à visée esthétique ({terms}) : interdite aux influenceurs (actes présentant "
              "des risques pour la santé, L.1151-2 CSP)",
        "en": "promotes an aesthetic procedure ({terms}): banned for influencers (acts with health risks, "
              "L.1151-2 CSP)"},
    ("FR-08", "warn"): {
        "fr": "évoque {terms} : vérifier qu'aucun acte à visée esthétique n'est promu (interdit s'il présente des "
              "risques pour la santé)",
        "en": "mentions {terms}: check that no aesthetic procedure is promoted (banned when it carries health "
              "risks)"},
    ("FR-09", "block"): {
        "fr": "présente un produit comme remplaçant un traitement ({terms}) : promotion interdite",
        "en": "presents a product as replacing a treatment ({terms}): banned promotion"},
    ("FR-09", "warn"): {
        "fr": "allégation de guérison ({terms}) : vérifier qu'aucun produit n'est présenté comme équivalent ou "
              "substitut à un traitement",
        "en": "cure claim ({terms}): check that no product is presented as equivalent or a substitute to a "
              "treatment"},
    ("FR-10", "block"): {
        "fr": "produit du vapotage ou contenant de la nicotine ({terms}) : promotion interdite (même sans "
              "nicotine pour le vapotage)",
        "en": "vaping or nicotine product ({terms}): banned promotion (vaping even without nicotine)"},
    ("FR-10", "warn"): {
        "fr": "mentionne {terms} : vérifier qu'aucun produit nicotiné ou de vapotage n'est promu",
        "en": "mentions {terms}: check that no nicotine or vaping product is promoted"},
    ("FR-11", "warn"): {
        "fr": "animal peut-être sauvage ({terms}) : la promotion impliquant un animal hors de la liste de "
              "l'art. L.413-1 A C. env. est interdite, sauf établissement autorisé ; à vérifier",
        "en": "possibly a wild animal ({terms}): promotion involving an animal not on the art. L.413-1 A C. env. "
              "list is banned, except in authorised establishments; to be checked"},
    ("FR-12", "contracts"): {
        "fr": "contrat financier risqué ({terms}) : promotion interdite aux influenceurs",
        "en": "risky financial contract ({terms}): banned promotion for influencers"},
    ("FR-12", "crypto"): {
        "fr": "crypto-actifs ({terms}) : promotion interdite sauf prestataire enregistré ou agréé (PSAN/CASP) ; "
              "le profil de marque ne donne aucun enregistrement",
        "en": "crypto-assets ({terms}): banned unless the provider is registered or authorised (PSAN/CASP); the "
              "brand profile gives no registration"},
    ("FR-12", "crypto-registered"): {
        "fr": "crypto-actifs ({terms}) : autorisé seulement pour un prestataire enregistré ; profil de marque : "
              "« {registration} », à vérifier sur le registre de l'AMF",
        "en": "crypto-assets ({terms}): allowed only for a registered provider; brand profile: "
              "'{registration}', to be checked on the AMF register"},
    ("FR-12", "finance"): {
        "fr": "promotion financière ({terms}) : vérifier qu'il ne s'agit pas d'un contrat financier interdit "
              "(CFD, forex, options binaires) ni de crypto-actifs",
        "en": "financial promotion ({terms}): check it is not a banned financial contract (CFD, forex, binary "
              "options) nor crypto-assets"},
    ("FR-13", "block"): {
        "fr": "abonnement à des pronostics sportifs ({terms}) : promotion interdite",
        "en": "sports-betting tips subscription ({terms}): banned promotion"},
    ("FR-13", "warn"): {
        "fr": "pronostics ({terms}) : la promotion d'abonnements à des pronostics est interdite ; à vérifier",
        "en": "betting tips ({terms}): promoting tips subscriptions is banned; to be checked"},
    ("FR-14", "age-mention"): {
        "fr": "jeux d'argent ({terms}) sans mention d'interdiction aux moins de 18 ans",
        "en": "gambling ({terms}) without the under-18 ban mention"},
    ("FR-14", "age-gate"): {
        "fr": "jeux d'argent ({terms}) : autorisé seulement sur une plateforme qui exclut les mineurs, exclusion "
              "activée ; non vérifiable depuis la légende",
        "en": "gambling ({terms}): allowed only on a platform that excludes minors, with the exclusion on; cannot "
              "be checked from the caption"},
    ("FR-15", "message"): {
        "fr": "alcool ({terms}) sans le message sanitaire « L'abus d'alcool est dangereux pour la santé »",
        "en": "alcohol ({terms}) without the health message 'L'abus d'alcool est dangereux pour la santé'"},
    ("FR-15", "content"): {
        "fr": "alcool ({terms}) : la loi Evin limite le contenu à une information objective (pas d'association à "
              "la réussite, à la fête, au sport) ; à vérifier",
        "en": "alcohol ({terms}): the loi Evin limits content to objective information (no link to success, "
              "partying or sport); to be checked"},
    ("FR-16", "warn"): {
        "fr": "produit alimentaire ({terms}) : s'il est transformé avec sucres, sel ou édulcorants ajoutés, le "
              "message sanitaire (mangerbouger.fr) est obligatoire ; non trouvé",
        "en": "food product ({terms}): if processed with added sugar, salt or sweeteners, the health message "
              "(mangerbouger.fr) is required; not found"},
    ("FR-17", "missing"): {
        "fr": "formation financée par le CPF ({terms}) sans information sur le financement ni l'éligibilité",
        "en": "training paid by the CPF ({terms}) without financing or eligibility information"},
    ("FR-17", "check"): {
        "fr": "formation CPF ({terms}) : vérifier que financement, engagements, éligibilité et organisme sont "
              "tous indiqués",
        "en": "CPF training ({terms}): check that financing, commitments, eligibility and provider are all given"},
    ("FR-18", "warn"): {
        "fr": "créateur de {age} ans (moins de 16) : autorisation individuelle préalable et consignation des "
              "revenus à la Caisse des dépôts requises ; non vérifiables ici",
        "en": "creator aged {age} (under 16): prior individual authorisation and earnings deposited with the "
              "Caisse des dépôts are required; cannot be checked here"},
    ("US-01", "missing"): {
        "fr": "aucune mention du lien avec la marque (#ad, Ad:, Sponsored, Paid partnership, ou une phrase "
              "« X m'a payé »){signals}",
        "en": "no disclosure of the material connection (#ad, Ad:, Sponsored, Paid partnership, or a plain "
              "sentence such as 'X paid me'){signals}"},
    ("US-01", "foreign"): {
        "fr": "le seul label ({mention}) n'est ni en anglais ni dans la langue de la légende : la FTC le veut dans "
              "la langue de la recommandation",
        "en": "the only label ({mention}) is neither in English nor in the caption's language: the FTC wants it in "
              "the language of the endorsement"},
    ("US-02", "ambiguous"): {
        "fr": "seulement des labels ambigus ({mention}) : #sp, #spon, #collab, #partner, #thanks, #ambassador, "
              "« lien affilié » ne disent pas qu'il s'agit d'une publicité",
        "en": "only ambiguous labels ({mention}): #sp, #spon, #collab, #partner, #thanks, #ambassador, "
              "'affiliate link' do not tell viewers it is an ad"},
    ("US-02", "gift"): {
        "fr": "« {mention} » signale un cadeau : si la marque a aussi payé, écrire #ad ou Sponsored",
        "en": "'{mention}' discloses a gift: if the brand also paid, say #ad or Sponsored"},
    ("US-02", "gift-paid"): {
        "fr": "« {mention} » signale un cadeau, mais le créateur a été payé pour ce post : la FTC veut le lien réel "
              "dit clairement (#ad, Sponsored, « payé par X »)",
        "en": "'{mention}' discloses a gift, but the creator was paid for this post: the FTC wants the actual "
              "connection disclosed (#ad, Sponsored, 'X paid me')"},
    ("US-03", "late"): {
        "fr": "« {mention} » n'apparaît qu'après la coupure « more », {at} ({cut}) : la FTC veut la mention visible "
              "sans cliquer",
        "en": "'{mention}' only comes after the 'more' cut, {at} ({cut}): the FTC wants it seen without clicking"},
    ("US-03", "buried"): {
        "fr": "« {mention} » est dans un bloc de hashtags en fin de légende, {at} : la FTC estime qu'il peut passer "
              "inaperçu",
        "en": "'{mention}' sits in a block of hashtags at the end, {at}: the FTC says it may be missed"},
    ("US-03", "flag-late"): {
        "fr": "« {mention} » est bien là, mais {at}, après la coupure « more » ({cut}) : en plus du label "
              "« partenariat rémunéré » de la plateforme, la FTC veut la mention visible sans cliquer ; la placer "
              "en tête",
        "en": "'{mention}' is there, but {at}, after the 'more' cut ({cut}): beside the platform's "
              "paid-partnership label, the FTC wants the disclosure seen without clicking; put it first"},
    ("US-04", "video"): {
        "fr": "{format} signalée seulement dans la description : la FTC veut la mention dans la vidéo (incrustée, "
              "et dite à l'oral si la recommandation est orale)",
        "en": "{format} disclosed in the text description only: the FTC wants it in the video itself "
              "(superimposed, and said aloud when the endorsement is spoken)"},
    ("US-04", "tiktok"): {
        "fr": "vidéo TikTok signalée seulement dans la description : la FTC juge une description TikTok « très "
              "peu susceptible » d'être claire et visible ; le texte incrusté ne contient pas de mention",
        "en": "TikTok video disclosed in the description only: the FTC calls a TikTok description 'very unlikely' "
              "to be clear and conspicuous; the on-screen text has no disclosure"},
    ("US-05", "live"): {
        "fr": "live : répéter la mention régulièrement pendant la diffusion (non vérifiable depuis une légende)",
        "en": "live: repeat the disclosure periodically during the stream (cannot be checked from a caption)"},
    ("US-06", "flag-only"): {
        "fr": "seul le label « partenariat rémunéré » de la plateforme : la FTC conseille de ne pas s'y fier seul ; "
              "ajouter #ad dans la légende ou la vidéo",
        "en": "only the platform's paid-partnership label: the FTC advises not to rely on platform tools alone; "
              "add #ad in the caption or video"},
    ("US-06", "flag-weak"): {
        "fr": "le label « partenariat rémunéré » de la plateforme, et dans le texte seulement {mention}, qui ne dit "
              "pas qu'il s'agit d'une publicité : la FTC conseille de ne pas se fier à l'outil de la plateforme "
              "seul ; ajouter #ad dans la légende ou la vidéo",
        "en": "the platform's paid-partnership label, and in the text only {mention}, which does not say it is an "
              "ad: the FTC advises not to rely on platform tools alone; add #ad in the caption or video"},
    ("UK-01", "missing"): {
        "fr": "aucun label « Ad » (#ad, Ad, Advert, Advertising, Advertisement) : une publicité doit être "
              "évidemment identifiable{signals}",
        "en": "no 'Ad' label (#ad, Ad, Advert, Advertising, Advertisement): ads must be obviously "
              "identifiable{signals}"},
    ("UK-01", "foreign"): {
        "fr": "le seul label ({mention}) n'est pas en anglais : l'ASA attend « Ad » ou « #ad »",
        "en": "the only label ({mention}) is not in English: the ASA expects 'Ad' or '#ad'"},
    ("UK-02", "ambiguous"): {
        "fr": "labels jugés insuffisants par l'ASA ({mention}) : #sp, #spon, #gifted pour une publicité "
              "contrôlée, #collab, « in association with », « thanks to »",
        "en": "labels the ASA deems not enough ({mention}): #sp, #spon, #gifted for a controlled ad, #collab, "
              "'in association with', 'thanks to'"},
    ("UK-02", "not-ad"): {
        "fr": "« {mention} » n'est pas un label « Ad » : le guide de l'ASA recommande « Ad » ou « #ad » en tête",
        "en": "'{mention}' is not an 'Ad' label: the ASA's guide recommends 'Ad' or '#ad' upfront"},
    ("UK-02", "gift"): {
        "fr": "« {mention} » convient à un cadeau sans contrôle de la marque sur le contenu ; si la marque a payé "
              "ou validé le post, c'est une publicité : #ad",
        "en": "'{mention}' fits a gift with no brand control over the content; if the brand paid for or approved "
              "the post, it is an ad: #ad"},
    ("UK-02", "gift-paid"): {
        "fr": "« {mention} » convient à un pur cadeau, mais le créateur a été payé pour ce post : c'est une publicité, "
              "qui doit porter « Ad » ou « #ad »",
        "en": "'{mention}' fits a pure gift, but the creator was paid for this post: it is an ad, which needs "
              "'Ad' or '#ad'"},
    ("UK-02", "flag-only"): {
        "fr": "seul le label « partenariat rémunéré » de la plateforme : l'ASA recommande aussi « Ad » en tête",
        "en": "only the platform's paid-partnership label: the ASA recommends 'Ad' upfront as well"},
    ("UK-02", "flag-weak"): {
        "fr": "le label « partenariat rémunéré » de la plateforme, et dans le texte seulement {mention}, que l'ASA "
              "ne tient pas pour un label « Ad » : l'ASA recommande aussi « Ad » en tête",
        "en": "the platform's paid-partnership label, and in the text only {mention}, which the ASA does not take "
              "as an 'Ad' label: the ASA recommends 'Ad' upfront as well"},
    ("UK-03", "late"): {
        "fr": "« {mention} » n'apparaît qu'après « see more », {at} ({cut}) : l'ASA veut le label en tête",
        "en": "'{mention}' only comes after 'see more', {at} ({cut}): the ASA wants the label upfront"},
    ("UK-03", "buried"): {
        "fr": "« {mention} » est perdu dans les hashtags de fin, {at} : l'ASA veut le label en tête",
        "en": "'{mention}' is lost among the closing hashtags, {at}: the ASA wants the label upfront"},
    ("UK-03", "flag-late"): {
        "fr": "« {mention} » est bien là, mais {at}, après « see more » ({cut}) : le label « partenariat "
              "rémunéré » de la plateforme est en tête, et l'ASA veut aussi « Ad » en tête ; le placer au début",
        "en": "'{mention}' is there, but {at}, after 'see more' ({cut}): the platform's paid-partnership label "
              "shows upfront, and the ASA wants 'Ad' upfront as well; move it to the start"},
    ("EU-01", "no-flag"): {
        "fr": "l'outil de déclaration de contenu commercial de la plateforme (label partenariat rémunéré) n'est pas "
              "activé ; 38 % des influenceurs contrôlés en 2024 ne l'utilisaient pas",
        "en": "the platform's commercial-content declaration (paid-partnership label) is not set; 38% of the "
              "influencers swept in 2024 did not use it"},
    ("EU-02", "generic"): {
        "fr": "seulement des termes génériques ({mention}) : « collaboration », « partenariat », « merci » "
              "cachent l'intention commerciale",
        "en": "only generic terms ({mention}): 'collaboration', 'partnership', 'thanks' hide the commercial "
              "intent"},
    ("EU-02", "gift-paid"): {
        "fr": "« {mention} » signale un cadeau, mais le créateur a été payé pour ce post : dire un cadeau cache "
              "l'intention commerciale que le paiement donne au post (publicité déguisée)",
        "en": "'{mention}' discloses a gift, but the creator was paid for this post: calling it a gift hides the "
              "commercial intent the payment gives the post (hidden advertising)"},
    ("EU-02", "language"): {
        "fr": "label « {mention} » dans une autre langue que la légende : le public visé doit le comprendre",
        "en": "label '{mention}' in another language than the caption: the audience must understand it"},
    ("EU-03", "missing"): {
        "fr": "aucune indication de l'intention commerciale : publicité déguisée, pratique déloyale{signals}",
        "en": "no disclosure of the commercial intent: hidden advertising, an unfair practice{signals}"},
    ("EU-04", "late"): {
        "fr": "« {mention} » n'apparaît qu'après « plus », {at} ({cut}) : seuls 34 % des posts contrôlés en 2024 "
              "signalaient la publicité avant",
        "en": "'{mention}' only comes after 'read more', {at} ({cut}): only 34% of the posts swept in 2024 "
              "disclosed before it"},
    ("EU-04", "buried"): {
        "fr": "« {mention} » est noyé dans les hashtags de fin, {at}",
        "en": "'{mention}' is buried among the closing hashtags, {at}"},
    ("EU-04", "flag-late"): {
        "fr": "l'outil de déclaration de la plateforme signale la publicité en tête, mais « {mention} » n'apparaît "
              "qu'après « plus », {at} ({cut}) : le placer en tête",
        "en": "the platform's commercial-content declaration shows upfront, but '{mention}' only comes after "
              "'read more', {at} ({cut}): put it first"},
}

# Notes for what a checker cannot decide, not tied to one rule
NOTES: dict[str, dict[str, str]] = {
    "no-caption": {
        "fr": "pas de légende dans la feuille : post non vérifié (coller la légende ou la récupérer par l'API)",
        "en": "no caption in the sheet: post not checked (paste the caption or fetch it from the API)"},
    "sector": {
        "fr": "secteur du profil de marque « {sector} »",
        "en": "brand-profile sector '{sector}'"},
    "overlay-unknown": {
        "fr": "texte incrusté inconnu : ce qui est dit ou écrit dans la vidéo n'est pas vérifié",
        "en": "on-screen text unknown: what the video shows or says is not checked"},
    "story": {
        "fr": "story : le texte vérifié est celui de la feuille ; vérifier qu'il est visible pendant toute la story",
        "en": "story: the text checked is the sheet's; check it is visible for the whole story"},
    "bad-date": {
        "fr": "date de publication illisible ({value}) : le texte français applicable (2023 ou 2024) n'est pas "
              "déterminé, les règles actuelles sont appliquées",
        "en": "unreadable publication date ({value}): which French text applies (2023 or 2024) is not known, "
              "today's rules are applied"},
    "position": {  # where a label sits in its text (`compliance._at`)
        "fr": "au caractère {n} sur {of}",
        "en": "at character {n} of {of}"},
    "signals": {
        "fr": " ; signes commerciaux : {signals}",
        "en": "; commercial signals: {signals}"},
    "not-a-post": {
        "fr": "ligne {kind} : pas une publication, non vérifiée et hors des comptes",
        "en": "{kind} row: not a post, neither checked nor counted"},
    "same-post": {
        "fr": "même publication que l'onglet « {tab} » ligne {row} : comptée une fois, sur cette ligne-là (la "
              "ligne aux chiffres les plus nombreux, sinon les plus grands : le relevé le plus récent)",
        "en": "same post as tab '{tab}' row {row}: counted once, on that row (the row with the most numbers, "
              "else the larger ones: the later reading)"},
    "same-post-row": {
        "fr": "même publication que la ligne {row} : comptée une fois, sur cette ligne-là (la ligne aux chiffres les "
              "plus nombreux, sinon les plus grands : le relevé le plus récent)",
        "en": "same post as row {row}: counted once, on that row (the row with the most numbers, else the larger "
              "ones: the later reading)"},
}


def cite(rule_id: str, lang: str = "en") -> str:
    """'loi n° 2023-451 art. 5-2 (...); ARPP ...' for a rule (a source's French title in French), its
    citations separated the language's way (labels.semicolon: " ; " in French, "; " in English), those
    of one source too ("CAP Code rule 2.1; ASA/CMA Influencers' guide (2023)")."""
    from ..labels import semicolon

    cites = ((SOURCES[k].cite_fr or SOURCES[k].cite) if lang == "fr" else (SOURCES[k].cite_en or SOURCES[k].cite)
             for k in RULES[rule_id].sources)
    return semicolon(lang).join(part for text in cites for part in _CITE_SPLIT.split(text))


class _Fields(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return ""


def message(rule_id: str, variant: str, lang: str, **fields: object) -> str:
    """'FR-04: ... (source: ...)' in the language asked ('fr' or 'en'); absent fields are empty."""
    from ..labels import colon

    text = MESSAGES[(rule_id, variant)][lang].format_map(_Fields(fields))
    return f"{rule_id}{colon(lang)} {text} (source{colon(lang)} {cite(rule_id, lang)})"


def note(key: str, lang: str, **fields: object) -> str:
    return NOTES[key][lang].format_map(_Fields(fields))
