"""Word cues for the language of Latin-script chat messages, where lingua alone goes wrong.

Two kinds of message fooled the n-gram detector on the blind test sets:

* **Transliteration.** Russian, Ukrainian and Farsi written in Latin letters
  ("kogda byla konferencija", "shomare nienburg?", "finglish") and Arabizi
  ("fi survey 3an el migration?") look like no language lingua knows and were
  answered in German or English. `translit_locale` finds them by words only
  those languages write (closed lists: pronouns, question words, particles,
  frequent verbs) and, for Arabizi, by digits used as letters (3 = ع, 7 = ح, 2 = ء).
* **Code-switching with German office words.** "nienburgdaki Koordinierungsstelle
  adresi nerde" or "whats the adress of the koordinierungsstelle" are Turkish and
  English, but one long German compound outweighs the rest of the message in
  character n-grams. `function_word_votes` counts the small words of de, en and tr
  (never shared ones like "in", "so", "die"/"de"), which carry the grammar.

The lists hold no word that is common in another supported Latin-script language
(tests/content/test_language_cues.py checks them against each other and against
the German, English and Turkish messages of the test sets).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words only a transliterating writer of these languages uses. Left out on purpose:
# "ya" (Turkish "or"), "de"/"da" (Turkish particles), "man"/"key"/"be" (English),
# "wen" (German; "hast" counts: a second cue is needed beside it), "salam"/"saat"/"dar"
# (Turkish), "na"/"v"/"u" (too short).
TRANSLIT_WORDS: dict[str, frozenset[str]] = {
    "ru": _words(
        """kak gde chto shto mne nuzhno nado kogda skolko pozhaluysta pozhalujsta pozhalusta spasibo privet
        zdravstvuyte zdravstvujte pomogite nomer mozhno menya moya moy moi kto zhivu zhivem zhivyom rabotaet
        rabotayut otkryt otkryto kuda pochemu zachem khochu hochu nemetskiy nemeckij nemeckie nemeckih russkom
        russkie russkij russkiy po-russki byla bylo byl delat sdelat sosed soseda zhena zhenu muzh slyshno cherez
        seychas sejchas segodnya zavtra ili dlya vrach privivka privivku privivki konferencija konferenciya
        konferentsiya skazhite podskazhite pomenjat pomenyat poluchit zapisatsya telefona est' estj chasy raboty
        ofisa migracii pjanyj bjot menja deti plachut uhodit kvartiry gorjachaja linija korone est dlja gluhih
        chto-to voprosam integracii kogo nibud gde-to kontakty kakoj kakaya sajt landkreisa pozhaluista bolshoe
        chto-nibud kak-to kakie kakih kotoryj kotoraya kotoroe otkuda uzhe ochen khorosho horosho ploho bolno bolit
        dyshat serdce vopros voprosy sprosit uznat pomoshch pomosch pomogi skazhi podskazhi yazyke yazykah jazyke
        raznyh rebenok rebenka rebyonok dochka muzha zheny podruga bolnica bolnitsa skoraya skoruyu policiya
        politsiya pozhar gorit kvartira kvartire okno dver lezet kto-to nichego sovsem slyshit vizhu znayu ne-znayu
        mogu mozhet hotim hochet budet byli prohodila prohodit nachalo nachinaetsya nedelya vchera zakryt zakryto
        rabotayet pochta integratsii immigracii bumagi bumag dokumenty naschet nuzhen nuzhna nuzhny zvonit pozvonit
        kogo-to kuda-to znaete skazat ee eyo ih nikto vsegda sdrawstwujte sdravstvujte pomogaju pomogayu semje semye
        otvechaet otwetschajet chelovek dyshit delat' chtoby ssylku ssylka ssylki dajte luchshe vybrat kakuyu
        kakoe kakuju"""
    ),
    "uk": _words(
        """khto yak zhyvu meni potribno treba dyakuyu dyakuju pryvit mozhna kudy chy vin vona nimeckoji nimetskoyi
        nimecku movni kursy orhanizovuje hto shcho scho dopomoha dopomohy dopomozhit budlaska ukrajinsku ukrainskoyu
        ukrayinskoyu ukrajinskoju ukrayinskiy zhyvemo deshcho skilky koly pratsyuye pratsjuje vidkryto shcheplennya
        shcheplennia likar likarya pochytaty pravyla vizdu jakyj cherhovoho likarja vnochi zhinok jaki zaznaly
        nasylstva zapytaty shchos dlia dyakuiu laska chomu zvidky zaraz vzhe duzhe dobre pohano pogano bolyt dykhaty
        pytannya pytannia spytaty diznatysya dopomoga dopomohu pidkazhit skazhit movoyu movamy riznymy dytyna dytynu
        donka donku cholovik cholovika druzhyna druh podruha likarnya likarnia shvydka shvydku pozhezha horyt gorit'
        kvartyra kvartyri vikno dveri lize khtos nichoho nichogo zovsim chuye bachu mozhu mozhe khochemo khoche bude
        buly bula buv bulo prokhodyla vidbuvalasia pochatok tyzhden siohodni sohodni vchora pratsyuyut adresa poshta
        informatsiya informaciya integraciya integratsiya integraciyu integratsiyu robyty zrobyty ščo što dobryi
        dobryj kontaktamy shchodo zatelefonuvaty podzvonyty kudy-nebud khto-nebud znayete skazaty yoho yiyi yikh
        nikhto zavzhdy ye nemaye czy można mohu diakuju dziakuju potriben pohoworyty pogovoryty pracjuje pratsiuie
        otrymaty otrymuvaty otrymuwaty kotroji kotrij integracijnyj intehraciju wetschir vechir ponedilok
        vorushytsja"""
    ),
    "fa": _words(
        """shoma mikham mikhastam mikhaym mikhaim chetor chetori chejuri chegune koja kojast kojaye baraye shomare
        shomareh hastam nist kheili kheyli khyli bood shod shodam konam konim mikonam mitoonam mitunam mitavanam
        mishe lotfan khoone khaneh chand shoro edgham komak komakam daram darim nadaram begiram bedam khanevadeh
        zaban zabane kodoom kodum inja oonja emrooz farda tamas kardam mikone mizane dozd oomade ghayem baram
        hamsaye ejaze chiye chie chera chi hast khubi khoobi chikar chekar narikhte mikoshe vaysade mano nemikonam
        ghabli khune khuneh bache bachcheha hoselashun vaght koshi bedoonam bayad beram edare jomeha baze kariesh
        adresesh sa'at mige bego kholase kholasash atish gerefte hame ashpazkhane dood zendegi mikonim mikonid
        mikonan mikhay harf bezanam bezanim bezanid morede darid sabtenam sabt bebakhshid bebakhshin adrese edareye
        zaboone zabune englisi engilisi manu mishkone khoda rahro shab fek tamoom shode avazesh kone mersi mamnoon
        mamnun aya kei khoob emruz dirooz nobat bimarestan bacheh pesaram dokhtaram shoharam zanam madaram pedaram
        baradaram khaharam dustam doostam rafiqam rafigham otagh panjare kojaa chejoori mitunid mitoonid bedid bedin
        begid nemidoonam nemidunam khastam salom rahmat iltimos mekunam mekunad mekunem mekunand mekard meravam
        metavonam mexoham mexohad kujo kujost baroi nest xona xonai soati imruz fardo nagz kudak kudaki duxtar
        duxtaram pisar pisaram modar padar barodar xohar hamsoya hamsoyaam hozir zindagi idora idorai muhojirat
        integratsiyai suroga surogai suroghai suroghash telefoni raqami mutaxassis mutaxassisi lozim hujjat maktab
        kadom yagon yori oila oilai bexatar mepursam mejuem istodaast shuda xarida arzon onro tasdiq chi-tavr
        mekushad mezanad kunem kunam gushim gooshim mord sookht jadid chande jome jomeh bazan bazeh"""
    ),
    "ar": _words(
        """ana enta inta anta shu shou bidi baddi badi wein kif keef kifak lesh leish mesh msh mish aywa yalla habibi
        momken mumkin mmkn ya3ni walla akid hek heik hon ktir kteer ahlan marhaba shukran sho2al ra2am raqam rakam
        3arabi 3an 3al 3am ma3 fi wa2t sa3a mnee7 mni7 3ndi 3andi ba3raf ma ba3ref sakn sakin sakna saken sakne
        3ayez 3ayz 3awz 3ayza 3ayze sama7t fadlak fadlek emta imta adesh adaish izay ezay ezzay mafi feeh 3and
        3andak ma3i ma3ak wel bel lal 3ala dilwa2ti delwa2ti halla hala2 lessa lissa ba3d 2abl awi 2awi shwaya
        shwayye tayeb tayyeb khalas 5alas shokran 3afwan insha2allah inshallah kamaan lazem la2 na3am eza iza 3ashan
        3shan la2en bta3 bta3et taba3 beta3 wala wla ana2 e7na ehna hwa hiya ente inti feen leh
        chno chnou chnu dyal dyali dyalo dyalha dyalhom dyalna bghit bghina kifach kifash wach 3afak khti khoya
        daba bzaf mzyan chkoun chkon chkun fin-kayn kayn kayna"""
    ),
}
# "fi"/"ma" alone would be weak; they count only beside other cues (see translit_locale).
_WEAK = frozenset({"fi", "ma"})
# Arabizi: a digit standing for a letter inside a word ("wi2e3", "3an", "sama7t");
# 4 is left out ("b4"), a 2 before "day"/"nd"/"morrow" too ("2day"). Not Arabizi:
# roads and units ("B3", "A7", "B6da", "3am", "7pm", "5km", "2nd").
_ARABIZI_DIGIT = re.compile(r"^(?=.*[a-z])[a-z]*[2356789][a-z]+[2356789a-z]*$|^[a-z]{2,}[2356789]$")
_NOT_ARABIZI = re.compile(
    r"^[abkl]\d+(?:'?(?:da|de|ta|te|dan|den|tan|ten|daki|deki|taki|teki|ye|ya|e|a))?$|^\d+(?:am|pm|km|kg|st|nd|rd|th|min|mins|h|hrs|x|day|days|morrow|er|te|de|da|ten|li)$"
)

# Function words that one of de, en, tr owns among the three. Shared or ambiguous
# ones are out: in, so, was (de/en), die (de/en), de/da/ne (tr/de/en), an, am, man.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "de": _words(
        """ich du wir ihr der das und ist sind wo wie wann wer nicht mit für fur von zu auf bei mein meine meinen
        meiner haben habe hab kann können gibt es ein eine einen einem dem den des im um noch auch oder aber bitte
        hallo danke welche welcher gerne brauche möchte mochte muss müssen wohne wohnen sich uns mir mich dich kein
        keine nach über uber"""
    ),
    "en": _words(
        """you we the is are what where when who how which my your do does can could there and or of for to with it
        this that please want need have has our their there's whats where's how's i'm dont don't get any some about
        at from wanna gonna would should tell give thanks hello hi hey phone number office open opening hours time
        they pls plz thx i stay live living"""
    ),
    "tr": _words(
        """ben sen biz siz bir ve nerede nerde nasil nasıl kim kimin mi mı mu mü var yok icin için bu su şu ile gibi
        kadar hangi zaman lazim lazım istiyorum misiniz musunuz mısınız lutfen lütfen bana beni benim bize bizim
        nereye neden niye merhaba tesekkurler teşekkürler yardim yardım acaba sizin ogrenmek öğrenmek yapmak gerek
        gerekiyor olur oluyor kacta kaçta kac kaç basladi başladı saat ucreti ücreti aylik aylık peki linki nedir
        nerden nereden hangisi entegrasyon anket sorumlu kisi kişi adresi numarasi numarası numara acik açık kapali
        kapalı buro burosu burosunun bürosu bürosunun hafta kaldi kaldı gun gün ofis ofisi ofisin gidecem atar misin
        abi miydi mıydı muydu müydü neydi olurum aldim aldım miyim mıyım zorunda yaziyor yazıyor anlamadim anlamadım
        yapayim yapayım mektup geldi kayit kayıt olmak yapmam bilmiyorum"""
    ),
}
_TOKEN = re.compile(r"[\w'’]+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """The message's words, lower case, apostrophes kept ("don't", "est'")."""
    return [t.replace("’", "'") for t in _TOKEN.findall(text.casefold())]


def translit_locale(words: Iterable[str]) -> str | None:
    """ru, uk, fa or ar when the words are that language in Latin letters, else None.

    Needs two cues, or one strong cue in a message of at most three words
    ("nomer ninburg?", "shomare nienburg?"; place names are removed by the caller).
    Arabizi digit-words count as two cues each.
    """
    words = list(words)
    scores: Counter[str] = Counter()
    for word in words:
        if "4" in word or "6" in word:
            # Russian and Ukrainian chat write 4 for ч and 6 for ш ("4to", "dy6it", "6vydku"), not Arabizi.
            spelled = word.replace("4", "ch").replace("6", "sh")
            slavic = [locale for locale in ("ru", "uk") if spelled in TRANSLIT_WORDS[locale]]
            if slavic:
                for locale in slavic:
                    scores[locale] += 1
                continue
        if _ARABIZI_DIGIT.match(word) and not _NOT_ARABIZI.match(word):
            scores["ar"] += 2
            continue
        for locale, vocabulary in TRANSLIT_WORDS.items():
            if word in vocabulary:
                scores[locale] += 0.5 if word in _WEAK else 1  # type: ignore[assignment]
    if not scores:
        return None
    (best, top), *rest = scores.most_common()
    if rest and rest[0][1] == top:
        # Russian and Ukrainian share much; a tie between them is Russian's only when
        # nothing Ukrainian-only was written.
        return None
    if top >= 2 or (top >= 1 and len(words) <= 3):
        return best
    return None


def _votes(words: Iterable[str], vocabularies: dict[str, frozenset[str]]) -> Counter[str]:
    """How many of the words each locale's vocabulary holds."""
    return Counter(locale for word in words for locale, vocabulary in vocabularies.items() if word in vocabulary)


def function_word_votes(words: Iterable[str]) -> Counter[str]:
    """How many words of the message are function words of de, en and tr. A closing "ne" is Turkish ("adresi
    ne?"); elsewhere it is as often Russian or Ukrainian in Latin letters ("ne mozhet") or German ("ne Frage")."""
    words = list(words)
    votes = _votes(words, FUNCTION_WORDS)
    if words and words[-1].casefold() == "ne":
        votes["tr"] += 1
    return votes


# Ukrainian and Russian in Cyrillic without the letters only one of them writes (і ї є ґ / ы э ъ ё):
# "я з Ейнбека", "горить квартира", "шо робить" are Ukrainian; "я из Айнбека", "горит", "что делать"
# Russian. Words only one of the two uses (prepositions, pronouns, question words, frequent verb forms).
CYRILLIC_WORDS: dict[str, frozenset[str]] = {
    "uk": _words(
        """з зі із що як коли де хто чи треба ласка дякую щось зараз вже дуже мене ти ви його
        вона вони горить болить робити зробити допомога потрібно можна живемо підкажіть скажіть
        пошта телефонуйте куди навіщо чому сьогодні нема немає ось теж також
        але бо або щоб коло біля поруч ніч вночі вдень зранку ввечері перекладач мовою мова доньки донька
        сина вдарили вдарив тече хлопця дитину пидкажить скажить допоможить диты дитына кимнати кимната горимо
        тепер який яка яке які яку яки така такий таке брати працює працюе працюють години годин відділ виддил
        відкрито видкрито мени дзвонити подзвонити зателефонувати щодо ще привіт опитування опитуванні щеплення
        щеплень гаряча лінія захід заходи громада пахне тхне смердить"""
    ),
    "ru": _words(
        """из что где как кто или есть нет мне меня очень уже сейчас горит болит помогите нужно надо спасибо
        пожалуйста можно здравствуйте привет делать сделать помощь скажите подскажите почта звоните
        куда зачем почему сегодня здесь нету вот тоже также но потому чтобы около рядом ночь
        ночью днем утром вечером переводчик языке язык дочь"""
    ),
}


def cyrillic_word_votes(words: Iterable[str]) -> Counter[str]:
    """How many words of a Cyrillic message only Ukrainian, or only Russian, uses."""
    return _votes(words, CYRILLIC_WORDS)


# Ukrainian typed on a Russian keyboard: и for і, ы for и, э for е ("дэ можна дизнатысь, трэба номэр", "колы
# дзвонить"). The letters ы and э say Russian; the words, read with those letters folded, say Ukrainian.
# (On a Russian keyboard the Ukrainian і, є, ї sit where ы, э, ъ are: "привыт, пидкажыть ... ынтеграцыъ", v18.)
_FOLD = str.maketrans({"ы": "и", "і": "и", "ї": "и", "ъ": "и", "э": "е", "є": "е", "ё": "е", "ґ": "г"})
# Russian words that fold onto Ukrainian ones ("ты" onto "ти", "вы" onto "ви").
_RUSSIAN_FOLDING_ONTO_UKRAINIAN = frozenset({"ты", "вы", "мы"})


def _fold(word: str) -> str:
    return word.translate(_FOLD)


_FOLDED_UKRAINIAN = frozenset(map(_fold, CYRILLIC_WORDS["uk"])) - frozenset(map(_fold, CYRILLIC_WORDS["ru"]))


def ukrainian_on_a_russian_keyboard(words: Iterable[str]) -> bool:
    """True when a Cyrillic message written with ы or э has two or more words that are Ukrainian once those letters
    are read as Ukrainian ones, and no word only Russian uses ("дэ можна дизнатысь про интеграцию, трэба номэр")."""
    words = [w for w in words if w not in _RUSSIAN_FOLDING_ONTO_UKRAINIAN]
    if cyrillic_word_votes(words)["ru"]:
        return False
    return sum(_fold(w) in _FOLDED_UKRAINIAN for w in words) >= 2


# Farsi typed on an Arabic keyboard (ي ك ة instead of ی ک): the letters say Arabic, the words say Farsi
# ("شمارة تلفن اداره مهاجرت را ميخواهم"). Words only one of the two uses, in both keyboards' letters.
ARABIC_SCRIPT_WORDS: dict[str, frozenset[str]] = {
    "fa": _words(
        """را است اس هست هستم نیست نيست نیس چی چي چه کجا كجا کجاست كجاست چطور چطوری چطوري برای براي
        از این اين آن اون شما میخواهم ميخواهم میخوام ميخوام میخواهیم کنید كنيد کنم كنم کنه كنه بکنم
        میکنه ميكنه میشه ميشه خانه خونه ره مه دارم داره داریم نداره باید بايد لطفا لطفاً ممنون
        مرسی مرسي خیلی خيلي یک يك یه يه دیگه ديگه چند زنگ بزنم ادغام نمبر خو"""
    ),
    "ar": _words(
        """في فى الى إلى على عن هذا هذه ماذا كيف وين فين متى شو ليش بدي بدنا عايز عايزة انا أنا هل لو سمحت
        ممكن الرجاء اريد أريد نريد عندي عندنا مش مو يا شي حدا اللي الي كمان هيك هون هنا جزيلا جزيلاً"""
    ),
}


def arabic_script_word_votes(words: Iterable[str]) -> Counter[str]:
    """How many words of an Arabic-script message only Farsi (Dari), or only Arabic, uses."""
    return _votes(words, ARABIC_SCRIPT_WORDS)
