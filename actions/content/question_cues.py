"""Words that make a place name a question: "numara nienburg?", "رقم نينبورغ؟", "nomer ninburg?".

The NLU reads a town plus one word as "this is my district". When that word asks for a
phone number, an e-mail, an address or the opening hours, the user wants the district's
contacts (or hours) now, not a confirmation. Stems, matched at the start of a word, in
every supported language and the usual transliterations; shared by the action server only.
"""

from __future__ import annotations

import re

CONTACT_STEMS = (
    # de / en / tr
    "nummer", "telefon", "handynummer", "e-mail", "email", "mail", "adresse", "anschrift", "kontakt",
    "ansprechp", "number", "phone", "address", "adress", "contact", "numara", "adres", "iletisim", "iletişim",
    "eposta", "e-posta", "straße", "strasse", "street", "sokak", "sokağ", "улиц", "вулиц", "شارع",
    # ar (also Arabizi), fa (also Finglish)
    "رقم", "الرقم", "تلفون", "تليفون", "تيليفون", "نمرة", "نمره", "نمبر", "هاتف",
    "ايميل", "إيميل", "عنوان", "العنوان", "ra2m", "ra2am", "raqam", "rakam", "nemr", "nimr",
    "شماره", "تلفن", "تیلفون", "ایمیل", "surogh", "suroga", "آدرس", "ادرس", "نشانی", "shomare", "tamas",
    # ru / uk (also Latin)
    "номер", "телефон", "почт", "имейл", "адрес", "контакт", "пошт", "адрес", "nomer", "telefon", "adres",
    # the website
    "website", "webseite", "homepage", "internetseite", "site", "sajt", "сайт", "سایت", "موقع", "الموقع",
)  # fmt: skip
# Someone to talk to (the crisis line, TelefonSeelsorge): "телефон доверия", "someone to talk to at night".
CRISIS_LINE = re.compile(
    r"seelsorge|sorgentelefon|telefon doveri|телефон довери|телефон довіри|лінія довіри|"
    r"someone to talk to|somebody to talk to|talk to someone|(?:lonely|so alone)\b|einsam\b|"
    r"(?:mit jemandem|mit wem) (?:\S+ ){0,2}reden|تنهام|دلم گرفته|با کسی حرف بزنم|حدا احكي معه|وحيد|وحيدة|"
    r"просто поговорить|поговорити|тоскливо|самотн\w*|одиноко|konuşacak (?:\S+ ){0,1}(?:biri|kimse)|yalnızım|yalnizim|"
    r"biri(?:si)?yle konu[şs]",  # "biriyle konusabilir miyim" after suicidal thoughts (v6, missed since)
    re.IGNORECASE,
)
HOURS_STEMS = (
    "öffnungszeit", "offnungszeit", "geöffnet", "geoffnet", "sprechzeit", "offen", "opening hour", "open", "hours",
    "açık", "acik", "açıl", "acili", "acilis", "saat", "soat", "mesai",
    "دوام", "مواعيد", "ساعات", "ساعت", "باز", "mawa3id", "dawam", "byefta7", "bifta7", "btefta7", "yefta7", "fat7in",
    "maftu7", "maftou7",
    "часы", "график", "открыт", "работает", "години", "графік", "відкрит", "працює",
    # closing time: "so the office closes at 12 on fridays?" (v13)
    "closes", "closing", "schließt", "schliesst", "kapanıyor", "kapaniyor", "kapanır", "закрывается", "зачиняється",
    "بيسكر", "يسكر",
)  # fmt: skip


def _pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    # Arabic words take attached prefixes (و ب ل ال): allow them before the stem.
    return re.compile(
        r"(?:^|[\s,.;:!?()\"'«»])(?:[وبلف]{0,2}(?:ال)?)?(?:"
        + "|".join(map(re.escape, sorted(set(stems), key=len, reverse=True)))
        + ")",
        re.IGNORECASE,
    )


_CONTACT = _pattern(CONTACT_STEMS)
_HOURS = _pattern(HOURS_STEMS)


def asked_field(text: str) -> str | None:
    """ "ask_opening_hours" or "ask_contact" when the text asks for one of them, else None."""
    if _HOURS.search(text):
        return "ask_opening_hours"
    if _CONTACT.search(text):
        return "ask_contact"
    return None


# "mit jemandem vom Amt reden, der sich mit Integration auskennt", "talk to someone about integration":
# someone at the office, not the crisis line.
_ABOUT_THE_OFFICE = re.compile(
    r"integra|migration|\bamt\b|vom amt|behörde|behorde|office|landkreis|district|koordinierungsstelle|"
    r"миграц|міграц|відділ|отдел|dairesi|"
    r"اندماج|الاندماج|دمج|ادغام|интеграц|інтеграц|uyum|entegrasyon|integrasyon",
    re.IGNORECASE,
)


_ALONE = re.compile(
    r"lonely|so alone|einsam|تنهام|دلم گرفته|وحيد|وحيدة|тоскливо|самотн|одиноко|yalnızım|yalnizim|"
    r"suizid|suicid|انتحار|خودکشی|суицид|самогуб|intihar",
    re.IGNORECASE,
)


def feels_alone(text: str) -> bool:
    """True when the message says the user feels alone or has thoughts of suicide (the crisis line's people)."""
    return _ALONE.search(text) is not None


# Someone to call or talk to: "is there someone I can call for a paper form?", "في حدا بحكي معه عالتلفون؟".
_SOMEONE = re.compile(
    r"\bsomeone\b|\bsomebody\b|\banyone\b|\bjemand|кто-нибудь|кто-то|хтось|хто-небудь|\bbiri(?:si)?\b|kimse|"
    r"(?:^|\s)(?:حدا|أحد|احد)(?=\s|$|[؟?])|یه نفر|یک نفر|(?:^|\s)کسی(?=\s|$)|kasi\b|hada\b",
    re.IGNORECASE,
)
_TALK = re.compile(r"talk|speak|sprechen|reden|говор|поговор|розмов|конуш|konuş|konus|احكي|بحكي|اتكلم|حرف|صحبت", re.I)


def asks_for_someone_to_call(text: str) -> bool:
    """True for "is there someone I can call?", "في حدا بحكي معه عالتلفون؟", "یه نفر هست که بهش زنگ بزنم": someone,
    and a word for calling or talking."""
    return _SOMEONE.search(text) is not None and (_LINE.search(text) is not None or _TALK.search(text) is not None)


def asks_for_someone_to_talk_to(text: str) -> bool:
    """True for "a number to call at night when I feel so alone" (the crisis line's question);
    False when the someone is at the office ("talk to someone about integration")."""
    return CRISIS_LINE.search(text) is not None and _ABOUT_THE_OFFICE.search(text) is None


# The help line a message names by its topic: "the number of the help line for women who experience
# violence", "forced marriage", "doctor on duty at night", "vaccination appointment". That line is the
# answer (knowledge/hotlines.yml), whatever the NLU makes of the message; an acute emergency still gets
# the alarm first. Matched on lower-cased text; Arabic letters in both usual forms (ة/ه, ى/ي).
_WOMEN = re.compile(
    r"\bfrau(?:en)?\w*|\bwom[ae]n|\bkad[iı]n|نساء|النساء|للنساء|المرأة|المراة|الستات|ستات|(?:^|\s)زن(?:ان|ها)?ی?(?=\s|$|[؟?.,])|"
    r"женщин|жінок|жінки|жінкам|zhensh|zhinok|zanan\b",
    re.IGNORECASE,
)
# Women as a group ("a line for women"), not "the woman who helps migrants".
_WOMEN_PLURAL = re.compile(
    r"\bwomen|\bfrauen|женщин|жінок|жінкам|kad[ıi]nlar|نساء|النساء|للنساء|زنان|خانم‌ها|خانمها|خانم ها",
    re.IGNORECASE,
)
_VIOLENCE = re.compile(
    r"gewalt|violen|abus|domestic|[sş]iddet|عنف|العنف|تعنيف|خشونت|khoshunat|насили|насильств|nasili|nasylstv",
    re.IGNORECASE,
)
_WOMEN_LINE = re.compile(
    r"hilfetelefon|116 ?016|zwangs(?:heirat|verheirat|ehe)|forced(?:ly)? (?:marri|to marry)|forced marriage|"
    r"zorla evl|زواج (?:قسري|بالاكراه|بالإكراه|غصب)|ازدواج (?:اجباری|اجبار|زوری|به زور)|"
    r"принудительн\w* (?:брак|замуж)|насильно (?:выда|жен|замуж)|примусов\w* шлюб|примусов\w* одруж|силоміць",
    re.IGNORECASE,
)
_ON_CALL = re.compile(
    r"bereitschaftsdienst|ärztlich\w* notdienst|arztlich\w* notdienst|notdienst(?:praxis)? (?:\S+ )?(?:arzt|ärzt)|"
    r"(?:arzt|ärztin|doktor|doctor|gp)\w* (?:\S+ ){0,2}"
    r"(?:on[- ]call|on duty|at night|am wochenende|in der nacht|nachts)|"
    r"on[- ]call (?:doctor|gp|service)|out[- ]of[- ]hours|116 ?117|n[oö]bet[cç]i (?:doktor|hekim|doktora)|"
    r"(?:طبيب|دكتور|الطبيب|الدكتور) (?:\S+ )?(?:مناوب|المناوب|نبطشي|الطوارئ الليلي)|"
    r"(?:پزشک|پزشك|دکتر|دكتر|داکتر|داكتر)(?:های|ها)? (?:\S+ )?(?:کشیک|كشيك|كشیک|نوکریوال|نوكريوال)|"
    r"(?:doktor|dokt[oa]r|doct[oa]r|pezeshk)(?: e)? keshik|"
    r"дежурн\w* (?:\S+ )?(?:врач|доктор|терапевт)|(?:врач|доктор)\w* (?:\S+ )?дежурн|"
    r"чергов\w* (?:\S+ )?(?:лікар|лікаря)|dezhurn\w* (?:vrach|doktor)|chergov\w* likar",
    re.IGNORECASE,
)
# A telephone line: with corona or vaccination, it asks for the corona line ("في خط تلفون بيحكي عربي لأسئلة كورونا؟").
_LINE = re.compile(
    r"hotline|\bline\b|telefon|телефон|phone|\bcall|anruf|звон|дзвон|nummer|number|номер|numara|خط|линия|лінія|"
    r"\bhatt|هاتف|تلفن|تلفون|تیلفون|تليفون|تلیفون|رقم|شماره|اتصل|زنگ|aramak|\bara\b|hotlayn|хотлайн|"
    r"shomar|\bzang|ra9m|ra2m|raqam|\bnomer|zvonit|dzvonyt",
    re.IGNORECASE,
)
_CORONA = re.compile(r"corona|korona|covid|كورونا|کرونا|корон|ковид|ковід", re.IGNORECASE)
_APPOINTMENT = re.compile(
    r"termin|appointment|book|randevu|موعد|حجز|نوبت|nobat|запис|zapis|zapys|запишу",
    re.IGNORECASE,
)
_VACCINATION = re.compile(
    r"impf|vaccin|vaksin|vaksan|\ba[sş][iı](?:s[iı]|y[aı]|yi|lar[ıi]?)?\b|\ba[sş][iı] ol|"
    r"تطعيم|لقاح|التطعيم|اللقاح|واکسن|واكسن|واکسین|واكسين|"
    r"прививк|привит|вакцин|щеплен|privivk|vakcin|shchepl",
    re.IGNORECASE,
)


# "Kinderarzt zu am Wochenende, wohin?", "лікарня закрита, куди дзвонити", "داکترها بسته استن": a doctor's
# practice closed or out of hours, asking where to go or call, is the medical on-call service's question.
_DOCTOR = re.compile(
    r"arzt|ärzt|praxis|doctor|\bgp\b|clinic|врач|доктор|лікар|поліклінік|поликлиник|doktor|hekim|muayene|"
    r"دکتر|دكتر|داکتر|داكتر|پزشک|مطب|طبيب|دكتور|الدكتور|عياد",
    re.IGNORECASE,
)
_CLOSED_OR_OFF_HOURS = re.compile(
    r"\bzu\b|geschlossen|closed|закрыт|закрит|зачинен|kapal|بسته|تعطیل|مغلق|مسكر|سكران|"
    r"wochenende|weekend|sonntag|sunday|выходн|вихідн|неділ|воскресен|hafta ?sonu|pazar|جمعه|الجمعة|عطلة|"
    # the night: "if it gets bad at night, not much, just a doctor – where to call?"
    r"\bnachts\b|in der nacht|at night|in the night|ночью|вночі|уночі|\bgece\b|geceleyin|شب|بالليل|في الليل",
    re.IGNORECASE,
)
_WHERE_OR_CALL = re.compile(
    r"wohin|wo |welche nummer|anruf|where|which number|call|куда|куди|звон|дзвон|номер|nereye|numara|ara|"
    r"کجا|کدام نمبر|شماره|زنگ|وين|فين|رقم|اتصل|احكي",
    re.IGNORECASE,
)
# Someone made to marry ("выдаст её замуж насильно", "ihre Familie will sie verheiraten, sie will das nicht").
_MARRY = re.compile(
    r"verheirat|heiraten|marry|marri|замуж|женить|шлюб|заміж|одружит|evlen|"
    r"زواج|تزويج|يزوج|يجوز|ازدواج|عروسی|عروسي|شوهر\w* (?:بد|دادن)|shohar (?:bed|dad)|ezdevaj|zawaj|jawaz|"
    r"выда\w* (?:\S+ ){0,2}за\b|відда\w* (?:\S+ ){0,2}за\b|zamuzh|zamuj|zamizh|odruzh|zhenit",
    re.IGNORECASE,
)
_AGAINST_WILL = re.compile(
    r"zwing|gezwungen|will (?:\S+ ){0,2}nicht|gegen (?:ihren|seinen) willen|force|against (?:her|his) will|"
    r"(?:doesn.?t|does not|don.?t) want|насильно|заставля|змуш|против (?:её|ее|его) воли|не хочет|примуш|силоміць|"
    r"не хоче|zorla|istemiyor|غصب|بالقوة|رغم عنها|اجبار|زور|نمیخواد|نمی‌خواد|نمی‌خواهد|nemikh|nemikam|"
    r"родители хотят|батьки хочуть|parents want|eltern wollen|familie will|ailesi istiyor|اهلها بدهم|اهلي بدهم|"
    r"babam mikhad|khanevadash mikhan|nasilno|nasylno|syloyu|zastavl|zmush|roditeli hot|batky khoch|"
    r"(?:family|parents|relatives|in-laws) (?:\S+ ){0,2}wants?\b|فامیل\w* (?:\S+ ){0,2}میخواه|به زور",
    re.IGNORECASE,
)


# A husband or partner who frightens, humiliates, threatens or controls, and a question where to call.
_PARTNER = re.compile(
    r"\b(?:husband|partner|ex|boyfriend|ehemann|mann|freund|кочас\w*|koca\w*|eşi|esi|муж\w*|чоловік\w*|"
    r"хлопц\w*)\b|زوج|جوز|شوهر|خاوند",
    re.IGNORECASE,
)
_ABUSE = re.compile(
    r"afraid|scared|frighten|humiliat|threat|control|angst|bedroh|demütig|erniedrig|kontrollier|"
    r"боит|боя|унижа|угрожа|контрол|отбира|бої|принижу|погрожу|забира|korku|tehdit|aşağıla|asagila|"
    r"خايف|خايفه|يهدد|بيهدد|يذل|می ?ترس|تهدید|تحقیر|"
    # beating, as something that goes on ("زن همسایه همیشه از شوهرش کتک میخوره": blind set v16)
    r"schlägt|schlaegt|\bhits\b|\bbeats?\b|бьёт|бьет|избива|б['’]?є\b|бʼє|побива|d[öo]v[üu]yor|کتک|يضرب|بيضرب|بضربها",
    re.IGNORECASE,
)
_CALL_FOR_HELP = re.compile(
    r"anonym|call|anruf|hotline|help|hilfe|beratung|звон|дзвон|помощ|допомог|телефон|номер|ara|yard[ıi]m|"
    r"اتصل|تتصل|رقم|مساعد|تلفن|زنگ|کمک|شماره",
    re.IGNORECASE,
)


_WHERE_TO_TURN = re.compile(
    r"wende|beraten|beratung|turn to|advice|counsel|обрати|звернут|консульт|başvur|basvur|danış|danis|"
    r"مراجعه|اتوجه|أتوجه|التوجه|نروح|اروح|استشار|مشاوره|obrash|obrat|zvern|zvertat|moraje|dzvon|zvonit|"
    # with whom / where to go: "kiminle konuşmam lazım", "با کی صحبت کنم", "کجا بریم", "وين لازم روح", "к кому"
    r"kiminle|\bkime\b|با (?:کی|چه کسی)|کجا (?:بریم|برم|بروم|بریم)|koja (?:bayad )?(?:beram|berim|beravam|beravim)|"
    r"be ki (?:bayad )?(?:zang|moraje)|بمن|(?:^|\s)[أا]تصل(?=\s|$)|مين (?:فيني|بقدر|بقدري|ممكن)|احكي مع|"
    r"وين (?:\S+ )?(?:روح|نروح|بروح)|لمين|مع مين|"
    r"к кому|до кого|куди (?:йти|іти|піти)|куда (?:идти|пойти)|with whom|who (?:do|can|should) (?:i|we) (?:talk|speak)|"
    r"an wen|mit wem",
    re.IGNORECASE,
)
# Integration or migration as what the question is about (also transliterated: "po integracii").
_INTEGRATION = re.compile(
    r"integra|migration|migrant|اندماج|الاندماج|indimaj|indimag|ادغام|edgham|интеграц|інтеграц|integrac|integrats|"
    r"uyum|entegrasyon",
    re.IGNORECASE,
)


def asks_whom_about_integration(text: str) -> bool:
    """True for "kuda obrashatsya po integracii", "an wen wende ich mich wegen Integration": the district's
    integration contacts are the answer."""
    return _WHERE_TO_TURN.search(text) is not None and _INTEGRATION.search(text) is not None


def asks_where_to_turn(text: str) -> bool:
    """The message asks whom to call or where to turn ("куда ей обратиться", "welche Nummer", "where can she call")."""
    return bool(_WHERE_OR_CALL.search(text) or _CALL_FOR_HELP.search(text) or _WHERE_TO_TURN.search(text))


# One woman just mentioned ("номер той женщины, которую ты упомянул"), not women as a group.
_THAT_WOMAN = re.compile(
    r"(?:той|этой|цієї|тієї|that|the|this) (?:женщины|жінки|woman|lady)|(?:der|dieser) frau\b|"
    r"(?:упомянул|упомянула|згадав|згадала|mentioned|erwähnt)",
    re.IGNORECASE,
)


def asked_hotline(text: str) -> str | None:
    """The help line the message asks for by its topic, as a knowledge/hotlines.yml topic:
    "violence_against_women" (116 016), "medical" (the medical on-call service 116117) or
    "vaccination" (an appointment: 116117, then the multilingual corona line); else None."""
    if _WOMEN_LINE.search(text) or (_WOMEN.search(text) and _VIOLENCE.search(text)):
        return "violence_against_women"
    if _MARRY.search(text) and _AGAINST_WILL.search(text):
        return "violence_against_women"
    if _PARTNER.search(text) and _ABUSE.search(text) and _CALL_FOR_HELP.search(text):
        return "violence_against_women"  # "she is afraid of her husband, where can she call anonymously?"
    if (
        _WOMEN_PLURAL.search(text)
        and _LINE.search(text)
        and _CALL_FOR_HELP.search(text)
        and not _THAT_WOMAN.search(text)
    ):
        return "violence_against_women"  # "a help line for women?", "номер для женщин ещё раз"
    if _ON_CALL.search(text):
        return "medical"
    if _DOCTOR.search(text) and _CLOSED_OR_OFF_HOURS.search(text) and _WHERE_OR_CALL.search(text):
        return "medical"
    if _APPOINTMENT.search(text) and _VACCINATION.search(text):
        return "vaccination"
    if _LINE.search(text) and (_CORONA.search(text) or _VACCINATION.search(text)):
        return "vaccination"
    return None


# Corona information in sign language, and corona/vaccination information to read (in a language).
_SIGN_LANGUAGE = re.compile(
    r"gebärden|gebarden|sign language|\bsigning\b|gehörlos|gehorlos|\bdeaf|لغة ال[اإ]شار|لغه ال[اإ]شار|"
    r"loghat? (?:el |al )?[ei]shar|lughat? (?:el |al )?[ei]shar|زبان (?:ی )?اشاره|ناشنوا|zaban[e]? (?:e )?eshare|"
    r"жестов|жестів|жестив|жестовою|movoyu zhestiv|mova zhestiv|yazyk\w* zhestov|глухонем|глухих|глухим|"
    r"i[sş]aret dil|sağır|sagir|işitme engelli|isitme engelli",
    re.IGNORECASE,
)
_TO_READ = re.compile(
    r"\binfo|informat|lesen|\bread|website|webseite|seite|\bsite|link|regeln|rules|сайт|почита|прочита|читат|"
    r"читати|информац|інформац|\bинфа\b|\bінфа\b|\binfa\b|\bинфу\b|\bінфу\b|правил|bilgi|\bokumak|\boku(?:yabil|nur|mam)|kural|"
    r"سایت|موقع|معلومات|اطلاعات|بخونم|بخوانم|قوانین|اقراه|اقرأه|اقراها|اقرأها|نقراه|قراءه|\ba2rah?\b|"
    r"قواعد|قوانين|ma3lomat|ma3loumat|ettela3at|ettelaat|etelaat|pochytaty|informaciy|informatsi|"
    r"pochitat|prochitat|\bsajt|\bsayt|\bsait\b|chitat",
    re.IGNORECASE,
)


_WRITTEN = re.compile(r"written|schriftlich|yaz[ıi]l[ıi]|письменн|письмов|مكتوب|مكتوبه|نوشتاری|کتبی", re.IGNORECASE)


def asks_for_something_to_read(text: str) -> bool:
    """True when the message asks for something written: information, a website, rules ("yazılı bilgi")."""
    return _TO_READ.search(text) is not None or _WRITTEN.search(text) is not None


def asked_information(text: str) -> str | None:
    """ "sign_language" for corona information in sign language, "vaccination_info" for corona or
    vaccination information to read; else None (a line to call is asked_hotline's)."""
    about_corona = _CORONA.search(text) or _VACCINATION.search(text)
    if _SIGN_LANGUAGE.search(text) and (about_corona or _TO_READ.search(text)):
        return "sign_language"
    if about_corona and _TO_READ.search(text):
        return "vaccination_info"
    return None


# "кто за неё отвечает, телефон дайте", "kim sorumlu bundan", "who can I call about the concept": a person
# to contact, not the document's content ("хто їх робив" - who wrote it - is about the document).
_WHO = re.compile(
    r"\b(?:wer|wen|wem|who|whom|кто|кого|кому|хто|kim|kime|kimi)\b|"
    r"which (?:department|office|unit)|welche[rs]? (?:abteilung|fachbereich|stelle|amt)|"
    r"hangi (?:birim|daire|b[öo]l[üu]m)|"
    r"как(?:ой|ая) (?:отдел|служба)|як(?:ий|а) (?:відділ|служба)|کدام (?:بخش|اداره)|أي (?:قسم|دائرة)|اي (?:قسم|دائره)|"
    r"مين|(?:^|\s)من(?=\s)|(?:^|\s)(?:کی|کیه|کیست)(?=\s|$|[؟?])|چه کسی",
    re.IGNORECASE,
)
_RESPONSIBLE_OR_CALL = re.compile(
    r"responsib|in charge|handles|deals with|zuständig|zustandig|verantwortlich|отвеча|ответствен|відповіда|"
    r"відповідальн|sorumlu|"
    r"ilgilen|مسؤول|مسئول|call|anruf|anrufen|звон|дзвон|\bara(?:y|mal)|اتصل|احكي|تواصل|اتواصل|أتواصل|زنگ|تماس|"
    # who wrote or prepared it, which department (a document's authors are the office's people)
    r"видповида|составля|составил|написал|написав|склада|підготув|geschrieben|verfasst|erstellt|abteilung|"
    r"\bwr[io]te|written|author|department|haz[ıi]rl|yazd|نوشته|تهیه|كتب|اعد|أعد|صحبت|sohbat|"
    # who leads it, who works on it, whom to ring ("а кто там Leiterin?", "who heads…", "wen ruf ich da an?")
    r"leiter|leitung|\bheads?\b|\bleads?\b|руковод|керівн|начальни|müdür|başkan|رئيس|مدير|رئیس|مدیر|"
    r"\bruf\w*\b|بيشتغل|يشتغل|اسال|أسأل",
    re.IGNORECASE,
)


# Who made a document ("wer hat das gemacht", "хто їх робив"): its content and who is responsible for it.
_MADE = re.compile(
    r"gemacht|erarbeitet|ausgearbeitet|\bmade\b|сделал\w*|зробив|зробил\w*|робив|робил\w*|yapt[ıi]|"
    r"درست کرد|ساخت|عمل(?:و|وا|ه|ها)?\b|سو(?:ى|ا)(?:ه|ها)?\b",
    re.IGNORECASE,
)


def asks_who_made_it(text: str) -> bool:
    """True for "wer hat das gemacht", "хто їх робив", "who made it": who made the document just named."""
    return _WHO.search(text) is not None and _MADE.search(text) is not None


def asks_for_a_person(text: str) -> bool:
    """True when the message asks whom to contact: a phone number, an e-mail, an address, or
    "who is responsible / whom can I call"."""
    if asked_field(text) == "ask_contact":
        return True
    return _WHO.search(text) is not None and _RESPONSIBLE_OR_CALL.search(text) is not None


def mentions_corona(text: str) -> bool:
    """True when the message names corona, covid or a vaccination."""
    return _CORONA.search(text) is not None or _VACCINATION.search(text) is not None


_AGAIN = re.compile(
    r"\bagain\b|\blink\b|nochmal|noch mal|noch einmal|ещё раз|еще раз|ще раз|щераз|tekrar|yeniden|"
    r"مرة ثانية|مره تانيه|كمان مرة|دوباره|یه بار دیگه|یک بار دیگر",
    re.IGNORECASE,
)


def asks_again(text: str) -> bool:
    """True for "send that link again", "noch mal die Nummer", "ещё раз": the last answer once more."""
    return _AGAIN.search(text) is not None


# The bot's own earlier answer asked for again: an again-word, or a reference to what the bot said or sent ("ссылку
# ещё раз", "اون سایتی که گفتی", "the number you gave me"). Unlike asks_again, a bare "link" is not enough.
_REPEAT = re.compile(
    r"\bagain\b|\bonce more\b|nochmal|noch mal|noch einmal|ещё раз|еще раз|ще раз|щераз|tekrar|yeniden|"
    r"مرة ثانية|مره تانيه|مرة تانية|كمان مرة|مرة اخرى|مرة أخرى|دوباره|یه بار دیگه|یک بار دیگر|"
    r"\byou (?:just )?(?:said|sent|gave|mentioned|wrote)|"
    r"\b(?:du|sie|ihr) (?:\S+ )?(?:gesagt|geschickt|genannt|geschrieben)|"
    r"\b(?:ты|вы) (?:\S+ )?(?:говорил|сказал|скинул|присылал|прислал|давал|дал|писал|отправлял)|"
    r"\b(?:ти|ви) (?:\S+ )?(?:казав|казала|казали|скинув|скинули|давав|давали|дали|писав|писали|надсилал|надіслал)|"
    r"(?:که|كه) (?:\S+ )?(?:گفتی|گفتید|فرستادی|فرستادید|دادی|دادید)|"
    r"(?:اللي|يلي|الي|الذي) (?:\S+ )?(?:قلت|قلتلي|بعت|بعتت|بعتلي|ارسلت|أرسلت|عطيت|ذكرت|قلتها|بعتها)|"
    r"söyledi[gğ]in|verdi[gğ]in|g[oö]nderdi[gğ]in|att[ıi][gğ][ıi]n|yazd[ıi][gğ][ıi]n|bahsetti[gğ]in|"
    # "повторіть номер", "bebakhshid dobare befres shomaro", "kannst du das wiederholen" (v19)
    r"повтор\w*|wiederhol\w*|\brepeat\b|\bdobare\b|\bdobara\b|\bmarra (?:tanya|tania|tanye|tanyeh|okhra)\b|"
    r"\bkaman marra\b|كرر\w*|ممكن تعيد|عيدلي|عيدها|أعدها|اعدها",
    re.IGNORECASE,
)
_LINK = re.compile(
    r"link|\bsite|website|webseite|internetseite|\burl\b|ссылк|сайт|посилан|لینک|سایت|رابط|الرابط|موقع|"
    r"ba[gğ]lant|web ?sitesi|silka|ssylk|posylann",
    re.IGNORECASE,
)
_FREE = re.compile(
    r"kostenlos|gratis|umsonst|\bfree\b|\bcost|бесплатн|безкоштовн|безплатн|платн|مجان|ببلاش|رایگان|مجانی|"
    r"پول (?:\S+ )?(?:میخواد|داره|بدم)|[üu]cretsiz|[üu]cretli|bedava|para (?:\S+ )?(?:al[ıi]yor|ist)|"
    r"besplatn|bezkoshtovn|platn|majani|majjani|raygan|rayegan",
    re.IGNORECASE,
)


# "the other lady", "a второй?", "و اون یکی خانم؟", "öbür hanım": the other of the contacts the bot named.
_OTHER = re.compile(
    r"\bother\b|\bsecond\b|\bandere[nmr]?\b|\bzweite[nmr]?\b|\bikinci(?:si|sinin)?\b|(?:^|\s)دوم(?:ی)?(?=\s|$|[؟?])|друг(?:ой|ая|ую|ий|а|у|ої)\b|втор(?:ой|ая|ую|ий|а|у|ої)\b|"
    r"інш(?:ий|а|у|ої|ого)\b|(?:اون|آن|ان) یکی|اون یکی|یکی دیگه|نفر دیگه|خانم دیگه|"
    r"الثانية|التانية|الثاني|التاني|الأخرى|الاخرى|التانيه|الثانيه|"
    r"di[gğ]er(?:i|ini)?\b|[öo]b[üu]r(?:[üu]|[üu]n[üu])?\b|[öo]teki\b|"
    # "someone else?" (v19: "mesh betrod.. fe 7ad tany?" after one person's card)
    r"\b(?:someone|somebody|anyone|anybody) else\b|\bjemand (?:anderes|anders)\b|кто-?то (?:ещё|еще|другой)|"
    r"хтось (?:ще|інший)|ba[sş]ka (?:biri|birisi|kimse)|(?:حد|حدا|احد|أحد) (?:تاني|ثاني|غير(?:ه|ها)?|اخر|آخر)|"
    r"\b(?:7ad|7ada|ahad) (?:tany|tani|tane|ta2ni|akhar|ghero|gherha)\b|کس دیگه|کسی دیگه|شخص دیگه|\bkasi dige\b",
    re.IGNORECASE,
)


# Where something is: with a word for the office, where the office is ("entegrasyon burosu nerde", v19).
_WHERE = re.compile(
    r"\bwo\b|\bwhere\b|\bnere(?:de|si)?\b|\bnerde\b|\bгде\b|\bде\b|\bgde\b|وين|فين|أين|اين|کجا|کجاست|\bkoja\b|\bwein\b",
    re.IGNORECASE,
)


def asks_where_the_office_is(text: str) -> bool:
    """True when the message asks where an office is ("entegrasyon burosu nerde", "wo ist das Amt?")."""
    return _WHERE.search(text) is not None and names_an_office(text)


# "andere Frage", "another question", "другой вопрос", "başka konu": a new question, not the other person.
_OTHER_QUESTION = re.compile(
    r"(?:andere|other|another|second|zweite|друг\w*|втор\w*|інш\w*|di[gğ]er|ba[sş]ka|ikinci)\s+(?:frage|question|thing|thema|topic|вопрос|"
    r"питання|тема|soru|konu)|سؤال (?:\S+ )?(?:ثاني|تاني|آخر|اخر)|سوال دیگه|یه سوال دیگه",
    re.IGNORECASE,
)


# "the first number", "у первой какой номер", "اون شماره اولی", "ارجع للرقم الاولاني": the first one given.
_FIRST = re.compile(
    r"\bfirst\b|\berste[nrsm]?\b|перв(?:ый|ая|ую|ой|ого|ому)\b|перш(?:ий|а|у|ої|ого|ому)\b|"
    r"(?:^|\s)اولی(?=\s|$|[؟?])|اولین|الأول|الاول|الاولاني|الأولاني|اللولاني|الأولى|الاولى|\bilk(?:i|ini)?\b|birinci",
    re.IGNORECASE,
)


def asks_for_the_first(text: str) -> bool:
    """True for "the first number", "у первой какой номер", "اون شماره اولی": the first of those given."""
    return _FIRST.search(text) is not None


def asks_for_the_other(text: str) -> bool:
    """True for "the other lady?", "a второй номер?", "و اون یکی خانم؟": the other one of those just named (not
    "andere Frage")."""
    return _OTHER.search(text) is not None and _OTHER_QUESTION.search(text) is None


# "no sorry, I meant Nienburg", "нет, я имел в виду Гослар", "نه ببخشید منظورم نینبورگ بود": a place corrected.
_CORRECTION = re.compile(
    r"\bi meant\b|\bi mean\b|ich meinte|meinte ich|ich meine\b|имел[аи]? в виду|мал[аи]? на увазі|мав на увазі|"
    r"\bточнее\b|\bвернее\b|\bтобто\b|demek istedim|kastettim|منظورم|قصدي|بقصد|اقصد|أقصد|كنت اقصد|"
    r"manzooram|manzuram|manzoram|asdi\b|2asdi",
    re.IGNORECASE,
)


# A place named only to be negated: "не Гослар а Гьорліц", "not Goslar but Görlitz", "nicht Goslar sondern Görlitz",
# "Goslar değil Görlitz", "لا غوسلار بل غورليتز" – the place after the contrast is meant (blind set v19).
_NOT_THIS_BUT = re.compile(
    r"(?:^|\s)(?:не|ні|not|nicht|no|لا|مش|نه)\s+\S+(?:\s+\S+)?[\s,]+"
    r"(?:а|а в|а у|but|sondern|aber|بل|بلکه|بلكه)\s+(.+)$|"
    r"\S+\s+(?:değil|degil)[\s,]+(.+)$",
    re.IGNORECASE,
)


def place_part_after_negation(text: str) -> str | None:
    """The part of the message after a negated place ("не Гослар а Гьорліц" -> "Гьорліц"), or None."""
    match = _NOT_THIS_BUT.search(text)
    return (match.group(1) or match.group(2)) if match else None


def corrects_itself(text: str) -> bool:
    """True for "no sorry, I meant Nienburg", "قصدي نينبورغ": the user corrects what they said before."""
    return _CORRECTION.search(text) is not None


# "можна їм написати замість дзвінка?", "can I write to them instead?": their e-mail or contact form.
_WRITE = re.compile(
    r"\bwrite\b|\bmessage them\b|schreiben|yazabilir|yazsam|yazmak|написати|написать|писати|писать|"
    r"بنویسم|پیام بدم|پیام بفرستم|اكتب|اكتبلهم|ابعتلهم|راسلهم|rasel",
    re.IGNORECASE,
)


_EMAIL = re.compile(
    r"e-?mail|\bmail\b|имейл|имэйл|емейл|емайл|імейл|імейл|почт|пошт|ایمیل|ايميل|إيميل|البريد|e-?posta|imeyl|pochta|poshta",
    re.IGNORECASE,
)


def asks_for_email(text: str) -> bool:
    """True for "Hat die eine E-Mail?", "а почта у неё есть?", "ایمیلش چیه؟": an e-mail address."""
    return _EMAIL.search(text) is not None


def asks_to_write(text: str) -> bool:
    """True for "can I write to them instead of calling?": a way to write (e-mail, contact form)."""
    return _WRITE.search(text) is not None


def asks_to_repeat(text: str) -> bool:
    """True for "send that link again", "ссылку ещё раз", "اون سایتی که گفتی", "the number you gave me": the bot's
    own earlier answer once more (a bare "link" is not enough: asks_again)."""
    return _REPEAT.search(text) is not None


_STREET = re.compile(
    r"street|stra(?:ß|ss)e|adresse|address|adres\b|sokak|cadde|адрес|вулиц|улиц|آدرس|ادرس|نشانی|عنوان|شارع",
    re.IGNORECASE,
)
# "а англійською є?", "gibt es die auf Englisch?", "ingilizcesi var mı": whether something exists (in a language).
_IS_THERE = re.compile(
    r"(?:^|\s)(?:є|есть|имеется)(?=\s|[?!.,]|$)|is there|is it (?:in|also|available)|gibt es|gibt's|"
    r"var m[ıi]|mevcut mu|هست[؟?]?$|داره[؟?]?$|موجود|متوفر|في منه",
    re.IGNORECASE,
)


def asks_if_there_is(text: str) -> bool:
    """True for "а англійською є?", "gibt es die auf Englisch?": whether it exists, not a request to switch."""
    return _IS_THERE.search(text) is not None


def wanted_again(text: str) -> str | None:
    """What a message asking for an earlier answer again wants from it: "address" (a street, an address), "link"
    (a link, a website), "number" (a phone number, a line to call), else None (the last answer as it was)."""
    if _STREET.search(text):
        return "address"
    if _LINK.search(text):
        return "link"
    if _LINE.search(text):
        return "number"
    return None


def asks_if_free(text: str) -> bool:
    """True for "is it free?", "a tot nomer besplatnyj?", "رایگانه؟", "ücretli mi": whether calling costs money."""
    return _FREE.search(text) is not None


def asks_for_a_line_in_a_language(text: str) -> bool:
    """True for "а по телефону можно на русском спросить?", "is there a phone line in Arabic?": a telephone
    word and a language named (the caller checks that no office or place is asked about)."""
    from actions.content.language_mentions import mentioned_language  # content, like this module

    return _LINE.search(text) is not None and mentioned_language(text) is not None


# "in my district", "bei uns", "بمنطقتي", "у нас в районе": the user's own place, which the bot may not know yet.
_OWN_PLACE = re.compile(
    r"\b(?:meine[mnrs]?|unsere[mnrs]?) (?:landkreis|kreis|region|gegend|stadt|ort|umgebung|nähe|nahe)|\bbei uns\b|"
    r"\b(?:my|our) (?:district|area|region|town|city|county|village)|near me|around here|where i live|"
    r"b[öo]lgem|b[öo]lgemiz|il[çc]em|il[çc]emiz|bizim (?:b[öo]lge|il[çc]e|[şs]ehir)|"
    r"ya[şs]ad[ıi][ğg][ıi]m (?:yer|b[öo]lge)|"
    r"منطقتي|منطقتنا|بمنطقتي|بمنطقتنا|عندنا|بلدتي|مدينتي|"
    r"منطقه (?:ی )?(?:ما|من)|منطقه‌?(?:ام|مون)|شهر (?:ما|من)|شهرمون|ولسوالی ما|"
    r"(?:в )?(?:моём|моем|нашем|моєму|нашому) (?:районе|районі|округе|окрузі|городе|місті|ландкрайсе|ландкрайсі)|"
    r"\bу нас\b",
    re.IGNORECASE,
)


def refers_to_own_place(text: str) -> bool:
    """True when the message asks about "my district", "bei uns", "بمنطقتي": the user's own place."""
    return _OWN_PLACE.search(text) is not None


# The documents the bot knows, by name (the integration concept or guidelines, the conference, the survey), under
# the intent that answers each; also transliterated ("kontseptsiya", "opros").
_DOCUMENTS = {
    "ask_concept": re.compile(
        r"konzept|concept|leitlini|leitbild|guideline|konsept|концепц|концепці|مفهوم|کانسپت|kontsep|koncep|"
        # "landkreis'in bir entegrasyon planı var mı" (v19)
        r"integrationsplan|integration plan|entegrasyon plan|uyum plan|план\w* интеграц|план\w* інтеграц|"
        r"خط[ةه] (?:ال)?اندماج|رهنمود",
        re.IGNORECASE,
    ),
    "ask_event": re.compile(
        r"konferenz|conference|konferans|конференц|مؤتمر|موتمر|کنفرانس|mu2tamar|mo2tamar|mu2tamr|mo2tamr|"
        r"motamar|konferents|konferenc|"
        r"veranstaltung|\bevents?\b|мероприяти|etkinlik|فعالي|رویداد",
        re.IGNORECASE,
    ),
    "ask_survey": re.compile(
        r"umfrage|befragung|survey|anket|опрос|анкет|опитуван|استبيان|استبیان|نظرسنجی|پرسشنامه|\bopros|opytuvan",
        re.IGNORECASE,
    ),
}


# An office by a word for it: "the integration office's number", "shomare daftare integration", "ofisin telefonu".
_OFFICE = re.compile(
    r"\boffice|büro|\bburo|\bamt\b|behörde|behorde|koordinierungsstelle|beratungsstelle|migrationsberatung|"
    r"fachdienst|fachbereich|\bofis|daftar|maktab|مكتب|المكتب|دفتر|اداره|ادارة|الدائرة|офис|офіс|ведомств|відомств|"
    r"управлени|управлінн|kurum|dairesi",
    re.IGNORECASE,
)


# When something happens or happened: "what time did it start", "wann war das", "متى كان", "когда".
_WHEN = re.compile(
    r"\bwhen\b|what time|\bwann\b|uhrzeit|um wie ?viel uhr|an welchem tag|\bdatum\b|\bdate\b|"
    r"متى|امتى|إمتى|ايمتى|ايمتا|وقتيش|چه ساعتی|چه وقت|چه روزی|کی بود|کی هست|تاریخ|"
    r"когда|во сколько|в котором часу|коли|о котрій|котрого числа|ne zaman|saat ka[çc]|hangi g[üu]n|tarih|"
    r"\bemta\b|\bimta\b|"
    # how long it takes or took (the survey's duration is in its answer)
    r"how long|wie lange|сколько времени|скільки часу|ne kadar s[üu]r|"
    r"قديش بياخد|كم من الوقت|كم يستغرق|چقدر طول|چقد طول",
    re.IGNORECASE,
)


def asks_when(text: str) -> bool:
    """True when the message asks when something happens or happened, or how long it takes ("what time did it
    start", "когда", "how long does it take")."""
    return _WHEN.search(text) is not None


def names_an_office(text: str) -> bool:
    """True when the message names an office ("integration office", "daftare integration", "офис"), not a document."""
    return _OFFICE.search(text) is not None and not named_documents(text)


def names_a_document(text: str) -> bool:
    """True when the message names the integration concept, the conference or the survey."""
    return bool(named_documents(text))


def named_documents(text: str) -> list[str]:
    """The intents of the documents the message names ("ask_concept", "ask_event", "ask_survey")."""
    return [topic for topic, pattern in _DOCUMENTS.items() if pattern.search(text)]


def named_document(text: str) -> str | None:
    """The intent of the one document the message names; None for none or several ("umfrage konzept")."""
    named = named_documents(text)
    return named[0] if len(named) == 1 else None


def mentions_a_phone_line(text: str) -> bool:
    """True when the message has a word for a phone line or calling ("hotline", "nummer", "звонить", "زنگ")."""
    return _LINE.search(text) is not None


# A message that is only a greeting or only thanks, in any supported language or transliteration – for when the
# NLU could not place it ("ezayak", "mamnoon", "tashakor bro"). Letters repeated for emphasis count once.
_GREETING_WORDS = (
    r"hallo|hallöchen|moin|servus|guten (?:tag|morgen|abend)|grüß (?:gott|dich)|hello|hi|hey|hiya|good (?:morning|"
    r"evening|afternoon)|merhaba\w*|mrb|selam\w*|slm|günaydın|gunaydin|iyi günler|привет\w*|здравствуй\w*|"
    r"здрас\w*|добр\w* (?:день|утро|вечер|дня|ранку|вечір)|привіт\w*|вітаю|privet|pryvit|zdravstvuj\w*|"
    r"مرحبا\w*|اهلا\w*|أهلا\w*|اهلين|هلا|هلو|السلام عليكم|سلام عليكم|سلام|صباح الخير|مساء الخير|كيفك|شلونك|"
    r"ازيك|إزيك|ezayak|ezayek|ezzayak|izzayak|kifak|kifik|keefak|shlonak|shlonik|ahlan|marhaba|salam(?: 3alaykom)?|"
    r"درود|سلام خوبی|خوبی|خوبین|چطوری|salam khubi|khubi|khoobi|chetori|dorood|dorud"
)
_THANKS_WORDS = (
    r"danke\w*|vielen dank|thanks?(?: you| u| a lot)?|thx|ty|teşekkür\w*|tesekkur\w*|tşk|tsk|sağ ?ol|sag ?ol|saol|"
    r"eyvallah|спасибо\w*|спс|благодар\w*|дякую|дяки|spasibo|dyakuyu|dyakuju|diakuyu|diakuju|dziakuju|"
    r"شكرا\w*|مشكور\w*|يسلمو|تسلم|shukran|shokran|yislamo|ممنون\w*|مرسی|مرسي|تشکر|تشكر|متشکرم|merci|mersi|"
    r"mamnoon\w*|mamnun\w*|tashak+[ou]r|rahmat(?: kalon)?|"
    # goodbye, as thanks usually ends a conversation
    r"tschüss|tschüs|tschau|ciao|bye|goodbye|пока|до свидания|бувай|до побачення|مع السلامة|خداحافظ|güle güle|"
    r"hoşça kal|hosca kal"
)
# Words beside them that change nothing: "ok", "bro", "7abibi", "very much", "ktir".
_FILLER = (
    r"(?:bro|ok|okay|oki|oke|okey|pls|plz|please|dear|schön|schon|sehr|vielmals|very much|so much|a lot|"
    r"tamam|tmm|tamamdır|تمام|طيب|باشه|bashe|khob|хорошо|ладно|добре|гаразд|"
    r"ktir|kteer|ktiir|kheili|zyad|zyada|kalon|"
    r"7abibi|habibi|azizam|jan|joon|abi|abla|hocam|brat|большое|дуже|çok|cok|كتير|كثير|حبيبي|عزیزم|زیاد|خیلی)"
)
_ONLY = r"^\s*(?:{filler}\s+)?(?:{words})(?:\s+(?:{words}|{filler}))?\s*$"


def _only(words: str) -> re.Pattern[str]:
    return re.compile(_ONLY.format(words=words, filler=_FILLER), re.IGNORECASE)


_ONLY_GREETING = _only(_GREETING_WORDS)
_ONLY_THANKS = _only(_THANKS_WORDS)
_MARKS = re.compile(r"[^\w\s']+", re.UNICODE)
_REPEATED = re.compile(r"(\w)\1{2,}", re.UNICODE)


def plain_words(text: str) -> list[str]:
    """The message's words, lower case, without punctuation, letters repeated for emphasis once ("Hiii!!" ->
    ["hi"]); for matching short phrases."""
    return _REPEATED.sub(r"\1", _MARKS.sub(" ", text.casefold())).split()


def greeting_or_thanks(text: str) -> str | None:
    """ "greet" or "thank" when the whole message is a greeting or thanks (a name or a filler word beside it:
    "hi bro", "shukran 7abibi"), else None; a question beside it ("hi, when are you open?") is not."""
    if len(text.split()) > 4:
        return None
    plain = " ".join(plain_words(text))
    if _ONLY_THANKS.search(plain):
        return "thank"
    if _ONLY_GREETING.search(plain):
        return "greet"
    return None


# A message that only hesitates or says "what?" ("hm", "шо", "ну?", "hä?", "ne?", "؟", "I don't understand"): the user
# did not understand the answer or does not know what to ask. What the bot can do helps; "I don't know that" with the
# nationwide numbers does not (blind sets v12, v15, v17: "шо", "ну?" got the numbers). Whole messages only.
_HESITATION = re.compile(
    r"^(?:h+m+|e+h*m+|ä+h*m*|ö+h*m+|hä+h?|eh|huh|what|wat|wut|ne|efendim|anlamadım|anlamadim|"
    r"(?:ich )?(?:versteh\w* (?:ich )?nicht|nicht verstanden)|i (?:do ?n.?t|did ?n.?t) (?:understand|get it)|"
    r"шо|що|ну|а|э|е|чё|че|чо|га|ась|не (?:понял\w*|понимаю|зрозумі\w*|розумію)|ne ponyal\w*|"
    r"ها|هاه|شو|ايش|إيش|مش فاهم\w*|ما فهمت|چی|چه|نفهمیدم|متوجه نشدم|nafahmidam|chi)$",
    re.IGNORECASE,
)
_ONLY_MARKS = re.compile(r"^[\s?!.¿؟…]+$")


def only_hesitates(text: str) -> bool:
    """True when the whole message only hesitates or says "what?" ("hm", "шо", "ну?", "??", "ما فهمت")."""
    if _ONLY_MARKS.match(text):
        return True
    return _HESITATION.match(" ".join(plain_words(text))) is not None


# A day of the week: "and friday?", "جمعه ها چی؟", "а в пятницу?" right after the opening hours asks about it.
_WEEKDAY = re.compile(
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|wochenende|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|"
    r"pazartesi|sal[ıi]|[çc]ar[şs]amba|per[şs]embe|cuma|cumartesi|pazar|hafta ?sonu|"
    r"понедельник|вторник|сред[ауы]|четверг|пятниц|суббот|воскресен|выходн|"
    r"понеділ|вівтор|серед[ауи]|четвер|п.?ятниц|субот|неділ|вихідн|"
    r"الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|الجمعه|السبت|الأحد|الاحد|"
    r"دوشنبه|سه ?شنبه|چهارشنبه|پنجشنبه|پنج ?شنبه|جمعه|شنبه|یکشنبه|"
    r"\bjom[ea]h?\b|\bjum3a\b|\bjom3a\b|pyatnic|p.?yatnyc",
    re.IGNORECASE,
)


def names_a_weekday(text: str) -> bool:
    """True when the message names a day of the week or the weekend ("and friday?", "جمعه ها چی؟")."""
    return _WEEKDAY.search(text) is not None


# Asking for someone's name: "как её зовут?", "what's her name", "adı ne", "اسمها ايش".
_NAME = re.compile(
    r"зовут|звати|\bname\b|\bnamen\b|hei(?:ß|ss)t (?:sie|er|die|der)|ismi|\badı\b|\badi ne\b|اسم|نام|esm|\bism\b",
    re.IGNORECASE,
)


def asks_for_a_name(text: str) -> bool:
    """True when the message asks for someone's name ("а кто это, как её зовут?", "what's her name")."""
    return _NAME.search(text) is not None


# Languages as such: "how many languages?", "а скільки там мов?", "hangi dillerde?".
_LANGUAGES = re.compile(
    r"languages|sprachen|языках|языков|языки|мов\b|мовах|мовами|мови\b|diller|dilde|لغات|اللغات|زبان‌ها|زبانها|زبان ها|"
    r"chand zaban|che zabanha|zaban ?ha|kac dil|skolko yazyk|skilky mov",
    re.IGNORECASE,
)


def asks_about_languages(text: str) -> bool:
    """True when the message is about languages as such ("how many languages?", "а скільки там мов?")."""
    return _LANGUAGES.search(text) is not None
