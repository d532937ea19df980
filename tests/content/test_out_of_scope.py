"""Out-of-scope topics: questions the bot cannot answer, found by a staff-editable lexicon.

The examples are hand-written for these tests (none is taken from nlu_data/ or
tests/conversations/): realistic newcomer messages with typos, missing punctuation,
dialect, transliteration and code-switching, in every reply locale. Each out-of-scope
example names exactly the topics it must give; each in-scope example must give none.

The examples after "written after the lexicon" were written in two later batches and
scored before the lexicon was changed for them, as an estimate of how it does on
messages nobody tuned it for (precision 1.00 / 0.98, recall 0.92 / 0.88); the misses
were fixed afterwards, so all examples pass now.

Mixed messages (an in-scope question that also names an out-of-scope topic) give the
topic: what to answer then is the caller's policy.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from actions.content.out_of_scope import (
    LANGUAGES,
    TOPICS,
    Lexicon,
    _Live,
    fold,
    load_lexicon,
    main,
    out_of_scope_topics,
)
from actions.content.yamlsource import ProblemsError

LOCALES = ("de", "de-simple", "en", "ar", "fa", "ru", "uk", "tr")

# ---------------------------------------------------------------------------
# Out-of-scope examples: (message, the topics it must give)
# ---------------------------------------------------------------------------

OUT_OF_SCOPE: dict[str, list[tuple[str, set[str]]]] = {
    "de": [
        ("Mein Handy geht nicht mehr an, wo bekomme ich eine neue SIM-Karte?", {"other_admin", "phones_internet"}),
        ("Was kostet eine Monatskarte für den Bus nach Northeim?", {"transport"}),
        ("brauche nen hausarzt der neue patienten nimmt", {"health_care"}),
        ("Gibt es in Görlitz eine Moschee?", {"religion_leisure"}),
        ("wo kann mein Sohn im Fußballverein spielen", {"religion_leisure"}),
        ("mein Handy ist kaputt, wo kann ich es reparieren lassen", {"repairs_shopping", "phones_internet"}),
        ("Bekomme ich das Deutschlandticket günstiger?", {"transport"}),
        ("Wie kann ich meinen Aufenthaltstitel verlängern?", {"residence"}),
        ("mein aufenthalt läuft nächsten monat ab was muss ich tun", {"residence"}),
        ("Termin bei der Ausländerbehörde Nienburg bekommen", {"residence"}),
        ("Auslenderbehörde termin wie", {"residence"}),
        ("Ich brauche eine Fiktionsbescheinigung", {"residence"}),
        ("Wann bekomme ich die Niederlassungserlaubnis?", {"residence"}),
        ("Wie läuft das Asylverfahren ab", {"asylum"}),
        ("Ich habe nur eine Duldung. Was bedeutet das?", {"asylum"}),
        ("Mein Asylantrag wurde abgelehnt, was jetzt", {"asylum"}),
        ("Anhörung beim BAMF nächste Woche, wie bereite ich mich vor", {"asylum"}),
        ("Ich suche eine Wohnung in Northeim", {"housing"}),
        ("brauch ne wohnung dringend", {"housing"}),
        ("Der Vermieter will die Kaution nicht zurückzahlen", {"housing"}),
        ("Wie beantrage ich Wohngeld?", {"housing"}),
        ("Wo bekomme ich einen WBS", {"housing"}),
        ("Das Jobcenter hat mein Geld nicht überwiesen", {"benefits"}),
        ("hab stress mit jobcenter, die wollen kohle zurück", {"benefits"}),
        ("Bürgergeld Antrag ausfüllen hilfe", {"benefits"}),
        ("Kindergeld für mein Baby beantragen", {"benefits"}),
        ("Wie finde ich Arbeit in Goslar?", {"work"}),
        ("Darf ich als Asylbewerber arbeiten?", {"work"}),
        ("Anerkennung von meinem Abschluss aus Syrien", {"work"}),
        ("Wie bekomme ich einen Kitaplatz für meine Tochter", {"school"}),
        ("Mein Sohn muss in die Schule, wie melde ich ihn an?", {"school"}),
        ("Kann ich hier an der Uni studieren?", {"school"}),
        ("Kann ich meinen Führerschein aus dem Iran umschreiben?", {"driving_licence"}),
        ("Welche Krankenkasse soll ich nehmen", {"health_insurance"}),
        ("Ich habe keine Versichertenkarte bekommen", {"health_insurance"}),
        ("Wie lange dauert die Einbürgerung", {"citizenship"}),
        ("Familiennachzug für meine Frau und Kinder", {"family_reunification"}),
        ("Ich brauche einen Anwalt wegen meinem Bescheid", {"legal"}),
        ("Wie eröffne ich ein Bankkonto ohne Pass", {"banking"}),
        ("Wo kann ich mich anmelden, ich bin umgezogen", {"registration"}),
        ("Meldebescheinigung verloren", {"registration"}),
        ("Geburtsurkunde übersetzen lassen wo", {"documents"}),
        ("Steuer-ID habe ich nicht bekommen", {"tax"}),
        ("Was ist dieser Rundfunkbeitrag, muss ich das zahlen?", {"other_admin"}),
        ("ich will in den urlaub in die türkei fahren, geht das mit meiner duldung", {"asylum", "other_admin"}),
        # written after the lexicon and scored unseen before any fix (see module doc)
        ("Meine Aufenthaltserlaubnis ist abgelaufen und ich habe noch keinen Termin", {"residence"}),
        ("Brauche ich ein Visum um meine Mutter einzuladen?", {"residence"}),
        ("Wie lange dauert es bis das BAMF entscheidet", {"asylum"}),
        ("Wohnungsbesichtigung morgen, was muss ich mitbringen", {"housing"}),
        ("Das Jobcenter will Kontoauszüge von mir", {"benefits"}),
        ("Wo kann ich Kinderzuschlag beantragen", {"benefits"}),
        ("Ich bin Krankenschwester aus Syrien, wie kann ich hier arbeiten", {"work"}),
        ("Meine Tochter wird 6, wann muss sie in die Grundschule", {"school"}),
        ("Wie kann ich den Mietvertrag kündigen", {"housing"}),
        ("Ich habe einen Strafbefehl bekommen", {"legal"}),
        ("Ich brauche eine beglaubigte Kopie von meinem Zeugnis", {"documents"}),
        ("Muss ich Kirchensteuer zahlen?", {"tax"}),
        ("Ich möchte meinen Mann aus der Türkei nachholen", {"family_reunification"}),
        ("Was kostet der Einbürgerungstest", {"citizenship"}),
        ("Wann wird das Elterngeld ausgezahlt", {"benefits"}),
        ("bin seit 3 jahren geduldet, krieg ich irgendwann nen titel?", {"asylum", "residence"}),
        ("Die Nebenkostenabrechnung ist viel zu hoch", {"housing"}),
        ("Wieso zahlt die Familienkasse nicht", {"benefits"}),
        ("wo kann ich mein zeugnis anerkennen lassen", {"work"}),
        ("Krippenplatz gesucht für 1-jährigen", {"school"}),
        ("bekomme ich als student bafög", {"school"}),
        ("mein chef zahlt keinen lohn seit 2 monaten", {"work"}),
        ("Wir wollen standesamtlich heiraten", {"documents"}),
    ],
    "de-simple": [
        ("Ich brauche eine Wohnung.", {"housing"}),
        ("Ich habe Probleme mit dem Jobcenter.", {"benefits"}),
        ("Mein Visum ist bald zu Ende.", {"residence"}),
        ("Ich will arbeiten. Wo finde ich Arbeit?", {"work"}),
        ("Mein Kind braucht einen Platz im Kindergarten.", {"school"}),
        ("Ich habe keine Kranken-Versicherung.", {"health_insurance"}),
        ("Ich will einen Führer·schein machen.", {"driving_licence"}),
        ("Ich will Deutscher werden. Wie geht das?", {"citizenship"}),
        ("Ich will meine Familie nach Deutschland holen.", {"family_reunification"}),
        ("Ich brauche einen Anwalt.", {"legal"}),
        ("Wie bekomme ich ein Konto bei der Bank?", {"banking"}),
        ("Ich muss mich beim Bürger·amt anmelden.", {"registration"}),
        ("Ich brauche eine Über·setzung für meine Papiere.", {"documents"}),
        ("Ich habe einen Brief vom Finanz·amt.", {"tax"}),
        ("Ich habe Asyl beantragt.", {"asylum"}),
        ("Ich bekomme kein Geld vom Amt.", {"benefits"}),
        ("Mein Pass ist abgelaufen.", {"documents"}),
        ("Ich habe einen Brief vom BAMF bekommen.", {"asylum"}),
        ("Ich suche eine Schule für mein Kind.", {"school"}),
        ("Ich muss Miete zahlen. Aber ich habe kein Geld.", {"housing"}),
        ("Wer hilft mir beim Bürger·geld?", {"benefits"}),
        ("Ich will eine Ausbildung machen.", {"work"}),
        ("Ich will studieren.", {"school"}),
        ("Wie bekomme ich einen Termin bei der Ausländer·behörde?", {"residence"}),
        ("Ich will heiraten. Was brauche ich?", {"documents"}),
        ("Ich brauche einen Handy·vertrag.", {"other_admin", "phones_internet"}),
        ("Ich muss Rundfunk·beitrag zahlen. Warum?", {"other_admin"}),
        ("Meine Aufenthalts·erlaubnis ist weg.", {"residence"}),
        ("Ich bin krank. Ich habe keine Kranken·karte.", {"health_insurance"}),
        ("Ich habe keine Arbeit.", {"work"}),
        # written after the lexicon and scored unseen before any fix (see module doc)
        ("Ich habe kein Geld für die Miete.", {"housing"}),
        ("Ich habe einen Brief vom Job·center. Ich verstehe ihn nicht.", {"benefits"}),
        ("Ich möchte arbeiten. Wer hilft mir?", {"work"}),
        ("Mein Aufenthalt endet bald.", {"residence"}),
        ("Ich brauche einen Kita-Platz.", {"school"}),
        ("Ich will Auto fahren lernen.", {"driving_licence"}),
        ("Ich habe Schulden.", {"banking"}),
        ("Ich suche einen Arzt. Ich habe keine Karte von der Kranken·kasse.", {"health_insurance"}),
        ("Wie bekomme ich einen deutschen Pass?", {"citizenship"}),
        ("Ich muss zum Amt. Ich brauche einen Dolmetscher.", {"other_admin"}),
        ("Mein Sohn will an die Uni.", {"school"}),
        ("Ich habe Post vom Gericht.", {"legal"}),
        ("Ich will eine neue Wohnung. Die Wohnung ist zu klein.", {"housing"}),
        ("Ich brauche Geld vom Sozial·amt.", {"benefits"}),
        ("Mein Kind geht nicht in die Schule. Was soll ich tun?", {"school"}),
        ("Ich habe keinen Ausweis.", {"documents"}),
        ("Ich brauche eine Arbeits·erlaubnis.", {"work"}),
        ("Ich will den Führer·schein umtauschen.", {"driving_licence"}),
        ("Ich will Asyl. Wo muss ich hin?", {"asylum"}),
        ("Ich bekomme eine Strafe. Warum?", {"legal"}),
    ],
    "en": [
        ("my phone died and i lost my contacts, how do i get my whatsapp back", {"phones_internet"}),
        # Blind set v19: charging a dead phone
        ("в мене сів телефон і помер павербанк, де на вокзалі в Гослар можна зарядити?", {"phones_internet"}),
        ("where can i charge my phone in goslar", {"phones_internet"}),
        # Blind set v20: a Finglish smoke-alarm battery; a paediatrician who speaks Ukrainian
        ("dastgah e hoshdar e atash too rahro shab ha bip bip mikone, batrish tamoom shode", {"repairs_shopping"}),
        ("порадьте україномовного педіатра в Ейнбеку", {"health_care"}),
        ("in kar dare mano mikoshe, roozi dah saat sar e pa, kar e dige ba zaboon e farsi hast?", {"work"}),  # Finglish
        # Blind set v13: a dead phone without "my", a lost cat, a Dari school registration
        ("телефон помер, а там всі документи і фото, як відновити", {"phones_internet"}),
        ("наша кішка зникла два дні тому, куди тут звертатись в Німеччині", {"animals"}),
        ("where is the vet, my dog is sick", {"animals"}),
        ("Wo ist hier ein Tierarzt?", {"animals"}),
        ("kedim kayboldu nereye başvurayım", {"animals"}),
        ("B1 sınavım felaket geçti mahvoldum, tekrar girebilir miyim ücreti ne kadar", {"exams"}),  # v17
        ("Wann ist die nächste DTZ-Prüfung in Goslar?", {"exams"}),
        ("когда экзамен на B1 и сколько стоит", {"exams"}),
        # Blind set v16: a doctor who speaks a language, a foreign driving licence
        ("підкажіть гінеколога який говорить українською або російською в районі Гослара", {"health_care"}),
        ("до речі а права українські тут дійсні?", {"driving_licence"}),
        ("دخترم ۱۲ ساله است، چطور او را در مکتب ثبت نام کنم؟", {"school"}),
        # Blind set v14
        ("Die Freiwillige Feuerwehr bei uns sucht Leute. Darf ich als Ausländer mitmachen?", {"religion_leisure"}),
        ("wir haben den Aufnahmebescheid bekommen, wie geht das weiter?", {"other_admin"}),
        ("telefonum öldü şarj olmuyor, Media Markt'a mı götürmeliyim", {"phones_internet", "repairs_shopping"}),
        ("میخواهم خانمم و اولادها را از پاکستان بیارم، چقدر وقت میگیره", {"family_reunification"}),
        ("how much is a monthly bus pass", {"transport"}),
        ("i need a family doctor who takes new patients", {"health_care"}),
        ("where is the nearest mosque", {"religion_leisure"}),
        ("is there a football club for kids in goslar", {"religion_leisure"}),
        ("where can i repair my phone in goslar", {"repairs_shopping"}),
        ("looking for a dentist in nienburg", {"health_care"}),
        ("how do i extend my residence permit", {"residence"}),
        ("my visa expires next month what should i do", {"residence"}),
        ("i need an appointment at the foreigners office", {"residence"}),
        ("when will i get my blue card", {"residence"}),
        ("the ausländerbehörde not answer my email", {"residence"}),
        ("how long does the asylum process take", {"asylum"}),
        ("my asylum application was rejected can i appeal", {"asylum", "legal"}),
        ("i have a duldung can i travel", {"asylum", "other_admin"}),
        ("looking for a flat in nienburg", {"housing"}),
        ("landlord wont give back my deposit", {"housing"}),
        ("wher i can find house for rent", {"housing"}),
        ("how to apply for wohngeld", {"housing"}),
        ("jobcenter stopped my payments", {"benefits"}),
        ("pls help me for jobcentre problem money not come", {"benefits"}),
        ("how do i get kindergeld for my kids", {"benefits"}),
        ("i want to find a job", {"work"}),
        ("can i work with my permit", {"residence", "work"}),
        ("how to get my degree recognised in germany", {"work"}),
        ("i need a kita place for my daughter", {"school"}),
        ("how do i register my son for school", {"school"}),
        ("can i study at university here", {"school"}),
        ("can i convert my driving license", {"driving_licence"}),
        ("which health insurance should i choose", {"health_insurance"}),
        ("i didnt get my insurance card yet", {"health_insurance"}),
        ("how to apply for german citizenship", {"citizenship"}),
        ("family reunion for my wife and kids", {"family_reunification"}),
        ("i want bring my family here how", {"family_reunification"}),
        ("i need a lawyer", {"legal"}),
        ("how to open a bank account", {"banking"}),
        ("where do i do the anmeldung", {"registration"}),
        ("i lost my birth certificate", {"documents"}),
        ("where can i get my documents translated", {"documents"}),
        ("what is my tax id", {"tax"}),
        ("do i have to pay the tv licence fee", {"other_admin"}),
        # written after the lexicon and scored unseen before any fix (see module doc)
        ("my residence card is expiring in 2 weeks and no one answers at the office", {"residence"}),
        ("can my husband come to germany with a family visa", {"family_reunification", "residence"}),
        ("i got a letter from bamf what does it mean", {"asylum"}),
        ("where can i find cheap apartments", {"housing"}),
        ("the jobcenter wants me to move out", {"benefits", "housing"}),
        ("how much money do i get for my children", {"benefits"}),
        ("i am a nurse from nigeria can i work here", {"work"}),
        ("my daughter needs a place in primary school", {"school"}),
        ("is it possible to exchange my turkish driving licence", {"driving_licence"}),
        ("i dont have health insurance can i still see a doctor", {"health_insurance"}),
        ("i got a fine from the police", {"legal"}),
        ("how to get an apostille for my diploma", {"documents"}),
        ("do i need to file a tax return", {"tax"}),
        ("how do i become a german citizen", {"citizenship"}),
        ("can i visit my family in iraq while my asylum case is open", {"asylum", "other_admin"}),
        ("how do i apply for wohnberechtigungsschein", {"housing"}),
        ("can the ausländerbehörde take my passport", {"documents", "residence"}),
        ("my landlord is not fixing the heating", {"housing"}),
        ("im unemployed what money can i get", {"work"}),
        ("need help filling the jobcenter forms", {"benefits"}),
        ("how to enroll my kid in kindergarten", {"school"}),
        ("do i need to register my new address", {"registration"}),
        ("is my iranian marriage certificate valid here", {"documents"}),
    ],
    "ar": [
        ("كم سعر تذكرة الباص الشهرية", {"documents", "transport"}),  # تذکره is also the Afghan ID (fa)
        ("بدي طبيب أسنان بنينبورغ", {"health_care"}),
        ("وين في مسجد قريب", {"religion_leisure"}),
        ("ابني بدو يسجل بنادي كرة", {"religion_leisure"}),
        ("وين في محل يصلح التلفون", {"repairs_shopping"}),
        ("كيف أجدد الإقامة؟", {"residence"}),
        ("ابغى اجدد اقامتي", {"residence"}),
        ("بدي موعد بدائرة الأجانب", {"residence"}),
        ("الفيزا تبعي رح تخلص الشهر الجاي", {"residence"}),
        ("الاوسلندر ما رد علي", {"residence"}),
        ("طلب اللجوء تبعي انرفض شو أعمل", {"asylum"}),
        ("عندي مقابلة في البامف الأسبوع الجاي", {"asylum"}),
        ("عندي دولدونغ هل أقدر أسافر", {"asylum", "other_admin"}),
        ("ابحث عن شقة في نينبورغ", {"housing"}),
        ("صاحب البيت بدو يطلعني من الشقة", {"housing"}),
        ("كيف أقدم على الفونغيلد", {"housing"}),
        ("الجوب سنتر وقف المساعدات", {"benefits"}),
        ("عندي مشكلة مع الjobcenter", {"benefits"}),
        ("كيف أقدم طلب كيندر غيلد", {"benefits"}),
        ("بدي شغل بأي مكان", {"work"}),
        ("معادلة الشهادة الجامعية كيف", {"work"}),
        ("كيف احصل على تصريح عمل", {"work"}),
        ("ابني بدو يسجل بالمدرسة", {"school"}),
        ("بدي حضانة لبنتي", {"school"}),
        ("كيف بسجل بالجامعة", {"school"}),
        ("بدي اغير رخصة السواقة السورية", {"driving_licence"}),
        ("ما عندي تأمين صحي", {"health_insurance"}),
        ("بطاقة الكرانكن كاسه ضاعت", {"health_insurance"}),
        ("كم سنة لازم استنى للجنسية الألمانية", {"citizenship"}),
        ("بدي لم شمل لمرتي وولادي", {"family_reunification"}),
        ("بدي محامي ضروري", {"legal"}),
        ("كيف بفتح حساب بالبنك", {"banking"}),
        ("وين بعمل الانملدونغ", {"registration"}),
        ("ضاعت شهادة الميلاد تبعي", {"documents"}),
        ("وين بترجم أوراقي ترجمة محلفة", {"documents"}),
        ("جاني مكتوب من الفينانز امت", {"tax"}),
        ("شو هي رسوم الراديو GEZ", {"other_admin"}),
        ("كيف أجدد الإِقَامَة", {"residence"}),
        ("عايز اجيب مراتي هنا ازاي", {"family_reunification"}),
        # written after the lexicon and scored unseen before any fix (see module doc)
        ("اقامتي خلصت ولسا ما اجاني موعد", {"residence"}),
        ("بدي اعمل لم شمل لزوجتي وولادي بسوريا", {"family_reunification"}),
        ("وصلني رفض من البامف", {"asylum"}),
        ("في حدا بيعرف شقة للإيجار بنورتهايم", {"housing"}),
        ("الجوب سنتر ما دفع الاجار", {"benefits", "housing"}),
        ("كيف اطلب كيندرغيلد", {"benefits"}),
        ("انا ممرضة كيف اشتغل بالمانيا", {"work"}),
        ("بدي سجل بنتي بالمدرسة الابتدائية", {"school"}),
        ("رخصة القيادة الاردنية بتنفع هون؟", {"driving_licence"}),
        ("الكرت الصحي ما وصلني", {"health_insurance"}),
        ("بدي محامي للاعتراض على القرار", {"legal"}),
        ("وين بصدق الشهادات", {"documents"}),
        ("كيف بدفع الضريبة", {"tax"}),
        ("شو شروط الجنسية الالمانية", {"citizenship"}),
        ("بدي افتح حساب بالسباركاسه", {"banking"}),
        ("بدي بيت اكبر الشقة صغيرة", {"housing"}),
        ("شو لازم اعمل لحتى اطلع اقامة دائمة", {"residence"}),
        ("السوسيال ما بعتلي شي", {"benefits"}),
        ("بدي ادرس بالجامعة بالمانيا", {"school"}),
        ("ما عندي شغل ولا فلوس", {"work"}),
        ("كيف بعمل اعتراض على قرار البامف", {"asylum", "legal"}),
        ("وين بطلع جواز سفر جديد", {"documents"}),
        ("ابي اجيب عيالي من تركيا", {"family_reunification"}),
    ],
    "fa": [
        ("بلیط ماهانه اتوبوس چند است", {"transport"}),
        ("دنبال دکتر خانوادگی هستم", {"health_care"}),
        ("نزدیک ترین مسجد کجاست", {"religion_leisure"}),
        ("دخترم میخواد بره استخر", {"religion_leisure"}),
        ("گوشیم خراب شده کجا تعمیر میکنن", {"repairs_shopping", "phones_internet"}),
        ("چطور اقامتم را تمدید کنم؟", {"residence"}),
        ("کارت اقامتم کی میاد", {"residence"}),
        ("وقت اداره خارجی ها میخوام", {"residence"}),
        ("ویزام داره تموم میشه", {"residence"}),
        ("جواب پناهندگیم منفی اومد", {"asylum"}),
        ("مصاحبه بامف دارم چی کار کنم", {"asylum"}),
        ("دولدونگ دارم میتونم سفر کنم؟", {"asylum", "other_admin"}),
        ("دنبال خونه میگردم تو نینبورگ", {"housing"}),
        ("صاحبخونه اجاره رو زیاد کرده", {"housing"}),
        ("چطوری وونگلد بگیرم", {"housing"}),
        ("کرایه خانه ام زیاد است", {"housing"}),
        ("جاب سنتر پولمو قطع کرده", {"benefits"}),
        ("کیندرگلد برای بچه ام", {"benefits"}),
        ("دنبال کار هستم", {"work"}),
        ("اجازه کار دارم؟", {"work"}),
        ("مدرکمو چطوری ارزشیابی کنم", {"work"}),
        ("وظیفه پیدا نمیکنم", {"work"}),
        ("پسرم رو چطور مدرسه ثبت نام کنم", {"school"}),
        ("مهدکودک برای دخترم", {"school"}),
        ("میخوام تو دانشگاه درس بخونم", {"school"}),
        ("مکتب بچه ها کجاست", {"school"}),
        ("گواهینامه ایرانیمو میتونم عوض کنم؟", {"driving_licence"}),
        ("بیمه درمانی ندارم", {"health_insurance"}),
        ("کارت بیمه\u200cام نیومده", {"health_insurance"}),
        ("کی میتونم تابعیت آلمان بگیرم", {"citizenship"}),
        ("میخوام خانوادمو بیارم آلمان", {"family_reunification"}),
        ("وکیل لازم دارم", {"legal"}),
        ("چطور حساب بانکی باز کنم", {"banking"}),
        ("آنملدونگ کجا انجام میشه", {"registration"}),
        ("شناسنامه ام گم شده", {"documents"}),
        ("ترجمه رسمی مدارک کجا", {"documents"}),
        ("تذکره ام گم شده", {"documents"}),
        ("نامه از فینانزامت اومده", {"tax"}),
        ("مشکل با Ausländerbehörde دارم", {"residence"}),
        ("اقامتم كي تمديد ميشه", {"residence"}),
        # written after the lexicon and scored unseen before any fix (see module doc)
        ("اقامتم تموم شده و هنوز وقت نگرفتم", {"residence"}),
        ("چطور میتونم همسرمو بیارم آلمان", {"family_reunification"}),
        ("نامه از بامف گرفتم معنیش چیه", {"asylum"}),
        ("یه آپارتمان ارزون میخوام", {"housing"}),
        ("جاب سنتر اجاره خونه رو نمیده", {"benefits", "housing"}),
        ("پول بچه رو چطوری درخواست کنم", {"benefits"}),
        ("پرستارم میتونم اینجا کار کنم؟", {"work"}),
        ("ثبت نام دخترم در مدرسه ابتدایی", {"school"}),
        ("گواهینامه افغانستان قبوله؟", {"driving_licence"}),
        ("کارت بیمه سلامت ندارم", {"health_insurance"}),
        ("یه وکیل برای اعتراض لازم دارم", {"legal"}),
        ("مدارکم رو کجا ترجمه کنم", {"documents"}),
        ("مالیات چقدر باید بدم", {"tax"}),
        ("شرایط گرفتن پاسپورت آلمانی", {"citizenship", "documents"}),
        ("حساب بانکی ندارم", {"banking"}),
        ("خونه مون خیلی کوچیکه میخوام عوضش کنم", {"housing"}),
        ("ویزای همسرم رد شد", {"residence"}),
        ("بچه ام کیتا نداره", {"school"}),
        ("بیکارم و پول ندارم", {"work"}),
        ("میخوام اقامت دائم بگیرم", {"residence"}),
        ("دیپورتم میکنن؟", {"asylum"}),
        ("پاسپورتم گم شده", {"documents"}),
        ("تو آلمان شرکت ثبت کنم", {"work"}),
    ],
    "ru": [
        ("сколько стоит проездной на месяц", {"transport"}),
        ("как найти семейного врача", {"health_care"}),
        ("где ближайшая мечеть", {"religion_leisure"}),
        ("футбольная секция для сына есть", {"religion_leisure"}),
        ("где недорого ремонт телефона", {"repairs_shopping"}),
        ("как продлить вид на жительство", {"residence"}),
        ("когда будет готов мой ВНЖ", {"residence"}),
        ("нужен термин в аусландербехёрде", {"residence"}),
        ("у меня заканчивается виза", {"residence"}),
        ("параграф 24 продление", {"residence"}),
        ("как подать на убежище", {"asylum"}),
        ("мне отказали в статусе беженца", {"asylum"}),
        ("у меня дульдунг, могу я переехать в другой город", {"asylum", "housing"}),
        ("ищу квартиру в нинбурге", {"housing"}),
        ("хозяин квартиры не возвращает залог", {"housing"}),
        ("как получить вонгельд", {"housing"}),
        ("джобцентр не перевёл деньги", {"benefits"}),
        ("помогите с джобцентром пожалуйста", {"benefits"}),
        ("как оформить киндергельд", {"benefits"}),
        ("бюргергельд заявление помогите", {"benefits"}),
        ("у меня проблема с Jobcenter", {"benefits"}),
        ("ищу работу", {"work"}),
        ("можно ли мне работать", {"work"}),
        ("как подтвердить диплом", {"work"}),
        ("как записать ребенка в школу", {"school"}),
        ("нужен садик для дочки", {"school"}),
        ("хочу поступить в университет", {"school"}),
        ("как поменять водительские права", {"driving_licence"}),
        ("какую страховку выбрать", {"health_insurance"}),
        ("нет медицинской страховки", {"health_insurance"}),
        ("как получить немецкое гражданство", {"citizenship"}),
        ("воссоединение семьи с мужем", {"family_reunification"}),
        ("нужен адвокат", {"legal"}),
        ("как открыть счёт в банке", {"banking"}),
        ("где сделать анмельдунг", {"registration"}),
        ("где перевести свидетельство о рождении", {"documents"}),
        ("где взять налоговый номер", {"tax"}),
        ("письмо про рундфункбайтраг что делать", {"other_admin"}),
        ("gde sdelat anmeldung", {"registration"}),
        # written after the lexicon and scored unseen before any fix (see module doc)
        ("у меня истёк внж а термина нет", {"residence"}),
        ("хочу привезти жену из сирии", {"family_reunification"}),
        ("пришло письмо из бамф", {"asylum"}),
        ("ищем жильё для семьи из 5 человек", {"housing"}),
        ("джобцентр не оплачивает аренду", {"benefits", "housing"}),
        ("как оформить пособие на ребёнка", {"benefits"}),
        ("я медсестра, могу ли я работать по профессии", {"work"}),
        ("записать дочку в первый класс", {"school"}),
        ("действуют ли украинские права в германии", {"driving_licence"}),
        ("нет страховки, что делать если заболел", {"health_insurance"}),
        ("нужна юридическая консультация", {"legal"}),
        ("где заверить перевод диплома", {"documents"}),
        ("как вернуть налоги", {"tax"}),
        ("сколько лет нужно жить в германии для гражданства", {"citizenship"}),
        ("как открыть банковский счёт без адреса", {"banking"}),
        ("хозяйка квартиры хочет нас выселить", {"housing"}),
        ("когда придут деньги от джобцентра", {"benefits"}),
        ("нужна справка о несудимости", {"documents"}),
        ("дочке нужен детский сад", {"school"}),
        ("я безработный что делать", {"work"}),
        ("можно ли ездить по российским правам", {"driving_licence"}),
        ("меня хотят депортировать", {"asylum"}),
        ("как сменить налоговый класс", {"tax"}),
    ],
    "uk": [
        ("скільки коштує проїзний на місяць", {"transport"}),
        ("як знайти сімейного лікаря", {"health_care"}),
        ("де найближча церква", {"religion_leisure"}),
        ("спортивний клуб для дітей у госларі", {"religion_leisure"}),
        ("як продовжити посвідку на проживання", {"residence"}),
        ("коли буде готовий мій ауфентальтстітель", {"residence"}),
        ("потрібен термін в аусландербехорде", {"residence"}),
        ("параграф 24 закінчується що робити", {"residence"}),
        ("в мене закінчується віза", {"residence"}),
        ("проблема з Ausländerbehörde", {"residence"}),
        ("як подати на притулок", {"asylum"}),
        ("відмовили у статусі біженця", {"asylum"}),
        ("шукаю квартиру в гослар", {"housing"}),
        ("орендодавець не повертає заставу", {"housing"}),
        ("як отримати вонгельд", {"housing"}),
        ("джобцентр не заплатив", {"benefits"}),
        ("як оформити кіндергельд", {"benefits"}),
        ("бюргергельд допоможіть", {"benefits"}),
        ("шукаю роботу", {"work"}),
        ("чи можу я працювати", {"work"}),
        ("як підтвердити диплом", {"work"}),
        ("як записати дитину до школи", {"school"}),
        ("потрібен садочок для доньки", {"school"}),
        ("хочу вступити до університету", {"school"}),
        ("як обміняти водійське посвідчення", {"driving_licence"}),
        ("яку страховку обрати", {"health_insurance"}),
        ("немає медичного страхування", {"health_insurance"}),
        ("як отримати німецьке громадянство", {"citizenship"}),
        ("возз'єднання сім'ї з чоловіком", {"family_reunification"}),
        ("потрібен адвокат", {"legal"}),
        ("як відкрити рахунок у банку", {"banking"}),
        ("де зробити анмельдунг", {"registration"}),
        ("де мені зробити прописку", {"registration"}),
        ("переклад свідоцтва про народження", {"documents"}),
        ("де взяти податковий номер", {"tax"}),
        ("що таке рундфункбайтраг", {"other_admin"}),
        ("хочу поїхати в україну на тиждень чи можна", {"other_admin"}),
        # written after the lexicon and scored unseen before any fix (see module doc)
        ("у мене закінчився дозвіл на проживання", {"residence"}),
        ("хочу забрати дружину з україни сюди", {"family_reunification"}),
        ("прийшов лист з бамф", {"asylum"}),
        ("шукаємо житло для сім'ї", {"housing"}),
        ("джобцентр не платить за оренду", {"benefits", "housing"}),
        ("як оформити допомогу на дитину", {"benefits"}),
        ("я медсестра, чи можу я працювати за фахом", {"work"}),
        ("записати доньку в перший клас", {"school"}),
        ("чи діють українські права в німеччині", {"driving_licence"}),
        ("немає страховки, що робити якщо захворів", {"health_insurance"}),
        ("потрібна юридична консультація", {"legal"}),
        ("де завірити переклад диплома", {"documents"}),
        ("як повернути податки", {"tax"}),
        ("скільки років треба жити в німеччині для громадянства", {"citizenship"}),
        ("як відкрити банківський рахунок без адреси", {"banking"}),
        ("власник квартири хоче нас виселити", {"housing"}),
        ("коли прийдуть гроші від джобцентру", {"benefits"}),
        ("потрібна довідка про несудимість", {"documents"}),
        ("доньці потрібен дитячий садок", {"school"}),
        ("я безробітний що робити", {"work"}),
        ("закінчується параграф 24, що далі", {"residence"}),
        ("мене хочуть депортувати", {"asylum"}),
        ("як змінити податковий клас", {"tax"}),
    ],
    "tr": [
        ("aylik otobus bileti ne kadar", {"transport"}),
        ("aile hekimi bulamiyorum yeni hasta almiyorlar", {"health_care"}),
        ("en yakin cami nerede", {"religion_leisure"}),
        ("oglum futbol kulubune nasil yazilir", {"religion_leisure"}),
        ("oturum iznimi nasıl uzatırım", {"residence"}),
        ("oturumum bitiyor ne yapmalıyım", {"residence"}),
        ("oturum izni uzatma nasil yapilir", {"residence"}),
        ("yabancılar dairesinden randevu almak istiyorum", {"residence"}),
        ("vizem doluyor", {"residence"}),
        ("Ausländerbehörde'den randevu alamıyorum", {"residence"}),
        ("iltica başvurum reddedildi", {"asylum"}),
        ("BAMF mülakatım var", {"asylum"}),
        ("duldung ile türkiyeye gidebilir miyim", {"asylum", "other_admin"}),
        ("nienburgda kiralık ev arıyorum", {"housing"}),
        ("ev sahibi depozitoyu geri vermiyor", {"housing"}),
        ("wohngeld nasıl alınır", {"housing"}),
        ("jobcenter param yatmadı", {"benefits"}),
        ("çocuk parası başvurusu nasıl yapılır", {"benefits"}),
        ("cocuk parasi ne zaman yatar", {"benefits"}),
        ("bürgergeld için yardım", {"benefits"}),
        ("iş arıyorum", {"work"}),
        ("is ariyorum goslarda", {"work"}),
        ("çalışma izni nasıl alırım", {"work"}),
        ("diplomamın denkliği için nereye başvurmalıyım", {"work"}),
        ("oğlumu okula kaydettirmek istiyorum", {"school"}),
        ("kızım için kreş lazım", {"school"}),
        ("üniversitede okumak istiyorum", {"school"}),
        ("türk ehliyetimi alman ehliyetine çevirmek", {"driving_licence"}),
        ("hangi sağlık sigortasını seçmeliyim", {"health_insurance"}),
        ("sigorta kartım gelmedi", {"health_insurance"}),
        ("alman vatandaşlığına nasıl başvurulur", {"citizenship"}),
        ("eşimi almanyaya getirmek istiyorum aile birleşimi", {"family_reunification"}),
        ("avukata ihtiyacım var", {"legal"}),
        ("banka hesabı nasıl açılır", {"banking"}),
        ("anmeldung nerede yapılır", {"registration"}),
        ("doğum belgemi tercüme ettirmem lazım", {"documents"}),
        ("vergi numaramı nereden öğrenirim", {"tax"}),
        ("GEZ mektubu geldi ne yapmalıyım", {"other_admin"}),
        # written after the lexicon and scored unseen before any fix (see module doc)
        ("oturumumun süresi doldu randevu alamadım", {"residence"}),
        ("eşimi türkiyeden getirmek istiyorum", {"family_reunification"}),
        ("bamftan mektup geldi", {"asylum"}),
        ("5 kişilik aile için ev arıyoruz", {"housing"}),
        ("jobcenter kirayı ödemiyor", {"benefits", "housing"}),
        ("çocuk yardımı nasıl alınır", {"benefits"}),
        ("hemşireyim mesleğimi burada yapabilir miyim", {"work"}),
        ("kızımı ilkokula kaydettirmek", {"school"}),
        ("türk ehliyeti almanyada geçerli mi", {"driving_licence"}),
        ("sigortam yok doktora gidebilir miyim", {"health_insurance"}),
        ("hukuki danışmanlık lazım", {"legal"}),
        ("diplomamın tercümesini nerede onaylatırım", {"documents"}),
        ("vergi iadesi nasıl alınır", {"tax"}),
        ("vatandaşlık için kaç yıl beklemem lazım", {"citizenship"}),
        ("adresim olmadan banka hesabı açabilir miyim", {"banking"}),
        ("ev sahibi bizi evden çıkarmak istiyor", {"housing"}),
        ("jobcenterden para ne zaman gelir", {"benefits"}),
        ("sabıka kaydı belgesi lazım", {"documents"}),
        ("kızıma kreş lazım", {"school"}),
        ("işsizim ne yapmalıyım", {"work"}),
        ("türk ehliyetiyle araba sürebilir miyim", {"driving_licence"}),
        ("beni sınır dışı edecekler mi", {"asylum"}),
        ("vergi sınıfı nasıl değiştirilir", {"tax"}),
    ],
}

# ---------------------------------------------------------------------------
# In-scope examples: questions the bot answers itself (or greetings, emergencies)
# ---------------------------------------------------------------------------

IN_SCOPE: dict[str, list[str]] = {
    "de": [
        "Kann ich mich beim Hausarzt gegen Corona impfen lassen?",
        "Wer ist der ärztliche Bereitschaftsdienst? 116117?",
        "Wen kann ich zum Thema Integration ansprechen?",
        "Telefonnummer der Koordinierungsstelle Migration in Nienburg",
        "Wann hat die Koordinierungsstelle geöffnet?",
        "Öffnungszeiten am Freitag",
        "Gibt es eine Hotline auf Arabisch?",
        "Wo finde ich Infos zur Corona-Impfung auf Russisch?",
        "Impftermin vereinbaren 116117",
        "Gibt es Informationen in Gebärdensprache?",
        "Ich möchte die Infos in leichter Sprache",
        "Wo ist die Online-Umfrage zum Integrationskonzept in Northeim?",
        "Wann ist die Integrationskonferenz in Goslar?",
        "Kann ich mich zur Integrationskonferenz anmelden?",
        "Was steht im Leitbild des Landkreises?",
        "Was sind die Leitlinien für Integration in Goslar",
        "Ich möchte Deutsch lernen, wo gibt es einen Deutschkurs?",
        "Wie melde ich mich für den Integrationskurs an?",
        "Anmeldung zum Sprachkurs bei der Kreisvolkshochschule",
        "Gibt es Hilfe für Frauen?",
        "Ich will mit einem Menschen sprechen",
        "Was passiert mit meinen Daten?",
        "Notfall! Mein Mann schlägt mich",
        "Ansprechpartner für Migration in Northeim",
        "Bist du ein Bot?",
        "Hallo, ich bin neu in Nienburg",
        "Wie arbeitet die Koordinierungsstelle?",
        "Arbeiten Sie auch am Samstag?",
        "Wo ist die Adresse vom Büro?",
        "Ich wohne in Bad Gandersheim, wer ist zuständig?",
        "Ich bin Flüchtling aus der Ukraine und neu hier, wer hilft mir?",
        "Ärztlicher Bereitschaftsdienst in der Nacht",
        "Ist die Beratung kostenlos?",
        # written after the lexicon and scored unseen before any fix
        "Ich suche jemanden, der mir bei der Integration hilft",
        "Bis wann ist die Koordinierungsstelle heute erreichbar?",
        "Kann ich auch per E-Mail Kontakt aufnehmen?",
        "Gibt es einen Impfbus in Nienburg?",
        "Welche Ziele hat das Integrationskonzept von Goslar?",
        "Wo kann ich bei der Umfrage mitmachen?",
        "Gibt es Deutschkurse am Abend?",
        "Ich brauche Hilfe, ich werde zu Hause geschlagen",
        "Kann ich mit jemandem auf Russisch telefonieren?",
        "Wie lange dauert der Integrationskurs?",
        "Wer ist für Flüchtlinge in Northeim zuständig?",
        "Ich habe eine Frage zur Corona-Schutzimpfung für Schwangere",
        "Kann mir jemand bei der Integration in Goslar helfen, ich bin neu zugezogen",
        "Hat die Koordinierungsstelle in den Ferien geöffnet?",
        "Arbeitet Frau Förster noch bei euch?",
        "Gibt es die Infos zur Impfung auch in Gebärdensprache?",
        "Welche Leitlinien hat der Landkreis für die Integration?",
        "Wo melde ich mich für den Deutschkurs an?",
        "Ich lebe in einer Wohnung in Nienburg, wen rufe ich an?",
        "Meine Frau braucht Hilfe, sie wird bedroht",
        # words that look out of scope but are not (regressions)
        "Wir wohnen im Heim in Uslar, wer ist für uns zuständig?",
        "Ich bin nach Nienburg umgezogen, wer ist jetzt mein Ansprechpartner?",
        "Mein Bruder hört nichts, gibt es Videos in Gebärdensprache?",
        "Notarzt rufen!",
        "Verdacht auf Vergiftung bei meinem Kind",
        "Sprachkurs mit Kinderbetreuung in Goslar?",
        "Wer ist die Ausländerbeauftragte in Görlitz?",
        "Meine Eltern wollen mich zwingen zu heiraten",
        "Ich bin Asylbewerberin aus Eritrea, an wen kann ich mich wenden?",
        "Wie kann ich mich anmelden?",
    ],
    "de-simple": [
        "Ich will Deutsch lernen.",
        "Wo ist der Deutsch·kurs?",
        "Wann ist das Büro offen?",
        "Ich brauche die Telefon·nummer.",
        "Ich will mit einem Menschen sprechen.",
        "Ich verstehe das nicht. Bitte in Leichter Sprache.",
        "Wo ist die Impfung?",
        "Ich will mich impfen lassen.",
        "Wer hilft mir in Nienburg?",
        "Ich wohne in Goslar.",
        "Ich bin neu hier.",
        "Gibt es ein Telefon für Hilfe auf Arabisch?",
        "Wo kann ich mich für den Sprach·kurs anmelden?",
        "Ich bin taub. Gibt es Infos in Gebärden·sprache?",
        "Was ist das Integrations·konzept?",
        "Wo ist die Umfrage?",
        "Was machen Sie mit meinen Daten?",
        "Hilfe! Es ist ein Notfall.",
        "Ich bin eine Frau und brauche Hilfe.",
        "Ist das Büro am Montag auf?",
        "Wie heißt die Frau vom Landkreis Goslar?",
        "Gibt es ein Treffen zur Integration in Goslar?",
        "Ich brauche die Adresse vom Büro.",
        "Kann ich eine E-Mail schreiben?",
        "Wo bekomme ich Infos zu Corona?",
        "Danke. Tschüss.",
        "Ist das kostenlos?",
        "Die Impfung für Kinder: Wo?",
        # written after the lexicon and scored unseen before any fix
        "Ich brauche Hilfe. Wer ist für mich da?",
        "Wann kann ich anrufen?",
        "Ich will eine Impfung. Wo geht das?",
        "Gibt es Infos auf Ukrainisch?",
        "Ich will einen Deutsch·kurs machen.",
        "Wo ist das Büro für Integration?",
        "Ich will mit einer Person sprechen.",
        "Ich habe Angst. Mein Mann ist gewalttätig.",
        "Was ist leichte Sprache?",
        "Gibt es ein Fest für Integration?",
        "Ich will Deutsch sprechen lernen.",
        "Wo ist das Büro? Ich brauche die Adresse.",
        "Ich bin neu in Northeim.",
        "Ich will mit einer Frau sprechen.",
        "Gibt es Hilfe in meiner Sprache?",
        "Ich brauche eine Impfung für mein Kind.",
        "Wann ist das Büro zu?",
        "Wie geht die Umfrage?",
    ],
    "en": [
        "whom can i contact about integration",
        "phone number of the migration office",
        "integration office opening hours",
        "is there a hotline in arabic",
        "vaccination information",
        "where is the survey about the integration concept",
        "i want to learn german",
        "german course in nienburg",
        "how do i sign up for the integration course",
        "can i register for the german course online",
        "help for women",
        "talk to a person",
        "i want to speak to a human",
        "when is the integration conference in goslar",
        "what are the guiding principles of the district",
        "corona info in ukrainian",
        "sign language information",
        "easy language please",
        "what do you do with my data",
        "emergency my husband is hitting me",
        "are you a bot",
        "who is the contact person in northeim",
        "does the office work on fridays",
        "the link doesnt work",
        "i live in nienburg who can help me",
        "hi i just arrived in germany",
        "is the hotline free",
        "i am a refugee from syria where can i get information",
        "medical on call number at night",
        "is it open on public holidays",
        # written after the lexicon and scored unseen before any fix
        "who do i talk to about integration in goslar",
        "what time does the migration office close today",
        "where can i get a booster shot",
        "is there information for deaf people",
        "when does the integration conference start",
        "where do i register for the german course",
        "what does the integration concept of northeim say",
        "my wife is being beaten by her brother",
        "can someone call me back in arabic",
        "i want to improve my german",
        "what are your opening hours on monday",
        "how can i volunteer in nienburg",
        "does frau bludau work on wednesdays",
        "i moved to northeim recently who is my contact",
        "is the hotline free of charge from a mobile",
        "i want to join the integration conference",
        "where is the integration office located",
        "what is the integration concept about",
        "can you explain it in simple german",
        "i need to talk to someone at the office",
        # words that look out of scope but are not (regressions)
        "we live in the refugee camp in hoya who can help",
        "i moved to nienburg last week who is my contact",
        "sign language interpreter video",
        "german course with childcare",
        "my parents force me to marry",
        "our flat is in goslar, who is responsible",
        "i am an asylum seeker, who can i talk to",
        "travel rules during corona",
    ],
    "ar": [
        "مين ممكن احكي معه عن الاندماج",
        "ما هو رقم هاتف مكتب الهجرة في نينبورغ؟",
        "متى يفتح المكتب؟",
        "ساعات العمل يوم الجمعة",
        "في خط ساخن بالعربي؟",
        "معلومات عن لقاح كورونا بالعربي",
        "بدي موعد للتطعيم",
        "هل في معلومات بلغة الإشارة؟",
        "بدي المعلومات بلغة ألمانية سهلة",
        "وين الاستبيان عن مفهوم الاندماج في نورتهايم",
        "متى مؤتمر الاندماج في غوسلار",
        "ما هي المبادئ التوجيهية للاندماج",
        "بدي اتعلم ألماني",
        "وين في كورس لغة ألمانية",
        "بدي سجل بدورة اللغة",
        "في مساعدة للنساء؟",
        "بدي احكي مع شخص حقيقي",
        "شو بتعملو ببياناتي",
        "ساعدني ضروري زوجي بيضربني",
        "انت روبوت؟",
        "أنا لاجئ من سوريا، مين بساعدني بنينبورغ",
        "أنا ساكن بنورتهايم، مين المسؤول",
        "كيف يعمل هذا البوت",
        "شكرا كتير",
        "في ترجمة للمعلومات بالفارسي؟",
        "ما هو عنوان مكتب الاندماج",
        "عندي سؤال عن التطعيم للاطفال",
        "اريد التحدث مع موظف",
        # written after the lexicon and scored unseen before any fix
        "بدي رقم التلفون تبع مكتب الاندماج بجوسلار",
        "المكتب مفتوح بكرا؟",
        "وين بقدر آخد لقاح كورونا",
        "في معلومات بالعربي عن التطعيم",
        "متى بيبلش كورس الالماني",
        "بدي اشارك بالاستبيان",
        "ما هي قيم الاندماج في نينبورغ",
        "في حدا بيحكي عربي بالمكتب؟",
        "زوجي بهددني بالقتل",
        "بدي اتطوع بنينبورغ",
        "شو بتعرف تعمل؟",
        "ممكن تحكيلي بالعربي؟",
        "انا جديد بنورتهايم مين بيساعدني",
        "المكتب بيشتغل يوم السبت؟",
        "بدي اتسجل بكورس الالماني",
        "في معلومات عن كورونا بلغة الاشارة",
        "مين المسؤول عن الاندماج بغوسلار",
        "بدي احكي مع حدا من المكتب",
        "شو هو مفهوم الاندماج",
        "ما في حدا بيرد على التلفون",
        # words that look out of scope but are not (regressions)
        "ساكنين بالكامب في هويا مين المسؤول",
        "انتقلت على نينبورغ مين بساعدني",
        "كورس لغة مع حضانة للأولاد",
        "اهلي بدهم يجبروني اتزوج",
        "ما هي وظيفتك يا بوت",
        "مترجم لغة الاشارة",
        "بسكن بنورتهايم مين المسؤول",
        "هويتنا وقيمنا في مفهوم الاندماج",
    ],
    "fa": [
        "راهنمای ادغام در جامعه",
        "با کی در مورد ادغام صحبت کنم؟",
        "شماره تلفن اداره مهاجرت نینبورگ",
        "ساعت کاری دفتر چنده؟",
        "دفتر جمعه ها بازه؟",
        "خط تلفن به فارسی هست؟",
        "اطلاعات واکسن کرونا به فارسی",
        "وقت واکسن میخوام بگیرم",
        "اطلاعات به زبان اشاره",
        "آلمانی ساده لطفا",
        "نظرسنجی مفهوم ادغام نورتهایم کجاست",
        "کنفرانس ادغام گوسلار کیه؟",
        "اصول راهنمای ادغام چیه",
        "میخوام آلمانی یاد بگیرم",
        "کلاس زبان آلمانی کجاست",
        "ثبت نام کلاس زبان",
        "کمک برای زنان",
        "میخوام با یه آدم واقعی حرف بزنم",
        "با اطلاعات من چیکار میکنید؟",
        "اورژانس! شوهرم منو میزنه",
        "تو ربات هستی؟",
        "من تو نورتهایم زندگی میکنم، با کی تماس بگیرم",
        "من پناهنده هستم و تازه اومدم، کی کمکم میکنه",
        "باید چه کار کنم که با مسئول ادغام حرف بزنم",
        "مرسی",
        "آدرس دفتر ادغام کجاست",
        "برای واکسن بچه ها کجا برم",
        "راهنمای ادغام در جامعه چیه؟",
        "آیا مشاوره رایگانه؟",
        # written after the lexicon and scored unseen before any fix
        "شماره تماس مسئول ادغام در گوسلار",
        "فردا دفتر بازه؟",
        "کجا میتونم واکسن کرونا بزنم",
        "اطلاعات واکسن به زبان فارسی هست؟",
        "کلاس آلمانی کی شروع میشه",
        "میخوام تو نظرسنجی شرکت کنم",
        "ارزش های ادغام در نینبورگ چیه",
        "کسی فارسی صحبت میکنه در دفتر؟",
        "شوهرم منو تهدید میکنه",
        "میخوام داوطلب بشم",
        "چه کارهایی میتونی انجام بدی؟",
        "میشه فارسی جواب بدی؟",
        "تازه اومدم نورتهایم کی کمکم میکنه",
        "دفتر شنبه ها کار میکنه؟",
        "میخوام کلاس آلمانی ثبت نام کنم",
        "اطلاعات کرونا به زبان اشاره",
        "مسئول ادغام در گوسلار کیه",
        "میخوام با یکی از دفتر حرف بزنم",
        "مفهوم ادغام چیه",
        "کسی تلفن رو جواب نمیده",
        # words that look out of scope but are not (regressions)
        "ما در کمپ اشتولتسناو هستیم، با کی تماس بگیریم",
        "رهنمودهای ادغام نورتهایم چیه",
        "لطفا ساده توضیح بدهید",
        "کلاس زبان با مهد کودک",
        "میخوان مجبورم کنن ازدواج کنم",
        "مسئول امور پناهندگان در اوسلار کیه",
        "قوانین سفر در دوران کرونا",
    ],
    "ru": [
        "к кому обратиться по вопросам интеграции",
        "телефон миграционной службы в нинбурге",
        "когда работает офис",
        "часы работы координационного центра",
        "есть горячая линия на русском",
        "информация о прививке от короны",
        "записаться на прививку",
        "есть информация на языке жестов",
        "простой немецкий язык пожалуйста",
        "где опрос по концепции интеграции",
        "когда конференция по интеграции в гослар",
        "какие принципы интеграции в районе",
        "хочу выучить немецкий",
        "где курсы немецкого языка",
        "записаться на интеграционный курс",
        "помощь для женщин",
        "хочу поговорить с человеком",
        "что вы делаете с моими данными",
        "помогите муж бьет меня",
        "ты бот?",
        "мы беженцы из украины, к кому обратиться",
        "я живу в гёттингене, кто мне поможет",
        "спасибо",
        "адрес офиса по интеграции",
        "бесплатная ли консультация",
        "номер 116117 для чего",
        "прививка для детей где",
        "в выходные работаете?",
        # written after the lexicon and scored unseen before any fix
        "контакт по вопросам интеграции в нортхайме",
        "офис открыт завтра?",
        "где сделать прививку от ковида",
        "есть ли информация о вакцинации на русском",
        "когда начинаются курсы немецкого",
        "хочу пройти опрос",
        "какие ценности интеграции в нинбурге",
        "кто-нибудь говорит по-русски в офисе?",
        "муж угрожает мне",
        "хочу стать волонтёром",
        "что ты умеешь?",
        "ответь по-русски пожалуйста",
        "я недавно в нортхайме, кто поможет",
        "офис работает в субботу?",
        "хочу записаться на курс немецкого",
        "информация о короне на языке жестов",
        "кто отвечает за интеграцию в госларе",
        "хочу поговорить с сотрудником офиса",
        "что такое концепция интеграции",
        "никто не отвечает на телефон",
        # words that look out of scope but are not (regressions)
        "я переехал в нинбург, к кому обращаться",
        "позовите сотрудника",
        "во сколько вы начинаете работать",
        "школа немецкого языка в госларе",
        "родители хотят насильно выдать меня замуж",
        "мы живём в общежитии в госларе, кто поможет",
    ],
    "uk": [
        "до кого звернутися з питань інтеграції",
        "номер телефону міграційної служби",
        "коли працює офіс",
        "години роботи офісу",
        "чи є гаряча лінія українською",
        "інформація про щеплення від корони",
        "записатися на вакцинацію",
        "інформація мовою жестів",
        "проста німецька мова будь ласка",
        "де опитування про концепцію інтеграції",
        "коли конференція з інтеграції в гослар",
        "які принципи інтеграції в районі",
        "хочу вивчити німецьку",
        "де курси німецької мови",
        "запис на інтеграційний курс",
        "допомога для жінок",
        "хочу поговорити з людиною",
        "що ви робите з моїми даними",
        "допоможіть чоловік б'є мене",
        "ти робот?",
        "ми біженці з україни, до кого звернутись",
        "я живу в нортхаймі, хто допоможе",
        "дякую",
        "адреса офісу з інтеграції",
        "чи безкоштовна консультація",
        "щеплення для дітей де",
        "ви працюєте в суботу?",
        # written after the lexicon and scored unseen before any fix
        "контакт з питань інтеграції в нортхаймі",
        "офіс відкритий завтра?",
        "де зробити щеплення від ковіду",
        "чи є інформація про вакцинацію українською",
        "коли починаються курси німецької",
        "хочу пройти опитування",
        "які цінності інтеграції в нінбурзі",
        "хтось розмовляє українською в офісі?",
        "чоловік погрожує мені",
        "хочу стати волонтером",
        "що ти вмієш?",
        "відповідай українською будь ласка",
        "я нещодавно в нортхаймі, хто допоможе",
        "офіс працює в суботу?",
        "хочу записатися на курс німецької",
        "інформація про корону мовою жестів",
        "хто відповідає за інтеграцію в гослар",
        "хочу поговорити зі співробітником офісу",
        "що таке концепція інтеграції",
        "ніхто не відповідає на телефон",
        # words that look out of scope but are not (regressions)
        "я переїхала до нінбурга, до кого звертатися",
        "о котрій починаєте працювати",
        "школа німецької мови",
        "перекладач жестової мови",
        "батьки хочуть силою видати мене заміж",
        "живемо в гуртожитку в госларі",
    ],
    "tr": [
        "entegrasyon konusunda kime başvurabilirim",
        "göç ofisinin telefon numarası",
        "ofis ne zaman açık",
        "cuma günü çalışma saatleri",
        "türkçe yardım hattı var mı",
        "korona aşısı hakkında bilgi",
        "aşı randevusu almak istiyorum",
        "işaret dili ile bilgi var mı",
        "basit almanca lütfen",
        "entegrasyon konsepti anketi nerede",
        "goslar entegrasyon konferansı ne zaman",
        "entegrasyon ilkeleri nelerdir",
        "almanca öğrenmek istiyorum",
        "almanca kursu nerede",
        "entegrasyon kursuna kayıt",
        "kadınlar için yardım",
        "gerçek bir insanla konuşmak istiyorum",
        "verilerimle ne yapıyorsunuz",
        "acil kocam beni dövüyor",
        "sen bot musun",
        "ben suriyeli mülteciyim, kime başvurabilirim",
        "northeimda yaşıyorum kim yardım eder",
        "teşekkürler",
        "entegrasyon ofisinin adresi",
        "danışmanlık ücretsiz mi",
        "çocuklar için aşı nerede",
        "resmi tatilde açık mısınız",
        "cumartesi çalışıyor musunuz",
        # written after the lexicon and scored unseen before any fix
        "northeimda entegrasyon sorumlusu kim",
        "ofis yarın açık mı",
        "korona aşısı nerede yaptırabilirim",
        "türkçe aşı bilgisi var mı",
        "almanca kursu ne zaman başlıyor",
        "ankete katılmak istiyorum",
        "nienburgda entegrasyon değerleri neler",
        "ofiste türkçe konuşan var mı",
        "kocam beni tehdit ediyor",
        "gönüllü olmak istiyorum",
        "neler yapabiliyorsun",
        "türkçe cevap verir misin",
        "northeima yeni geldim kim yardım eder",
        "ofis cumartesi çalışıyor mu",
        "almanca kursuna kaydolmak istiyorum",
        "işaret dilinde korona bilgisi",
        "goslarda entegrasyondan kim sorumlu",
        "ofisten biriyle konuşmak istiyorum",
        "entegrasyon konsepti nedir",
        "kimse telefonu açmıyor",
        # words that look out of scope but are not (regressions)
        "Nienburg'a taşındım kime başvurayım",
        "Türkçe telefon hattı var mı",
        "Stolzenau'da ev bulduk, kim yardım eder",
        "entegrasyon konseptini okumak istiyorum",
        "ailem beni zorla evlendirmek istiyor",
        "kimlik ve aidiyet değerleri ne demek",
        "korona döneminde seyahat kuralları",
    ],
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


_OOS_CASES = [(locale, text, topics) for locale, cases in OUT_OF_SCOPE.items() for text, topics in cases]
_IN_CASES = [(locale, text) for locale, texts in IN_SCOPE.items() for text in texts]


@pytest.mark.parametrize(("locale", "text", "topics"), _OOS_CASES)
def test_out_of_scope_questions_give_their_topics(lexicon: Lexicon, locale: str, text: str, topics: set[str]) -> None:
    assert out_of_scope_topics(text) == frozenset(topics), (locale, lexicon.explain(text))


@pytest.mark.parametrize(("locale", "text"), _IN_CASES)
def test_in_scope_questions_give_no_topic(lexicon: Lexicon, locale: str, text: str) -> None:
    assert out_of_scope_topics(text) == frozenset(), (locale, lexicon.explain(text))


def test_every_locale_has_enough_examples() -> None:
    for locale in LOCALES:
        assert len(OUT_OF_SCOPE[locale]) >= 25, locale
        assert len(IN_SCOPE[locale]) >= 25, locale
    assert {t for cases in OUT_OF_SCOPE.values() for _, topics in cases for t in topics} == set(TOPICS)


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("who at the integration office can help me with my residence permit", {"residence"}),
        ("Öffnungszeiten der Ausländerbehörde in Goslar", {"residence"}),
        ("Gibt es eine Hotline auf Arabisch für Fragen zum Jobcenter?", {"benefits"}),
        ("ما هو رقم مكتب الاندماج؟ عندي سؤال عن الإقامة", {"residence"}),
        ("کی تو دفتر ادغام میتونه برای کارت اقامت کمکم کنه", {"residence"}),
        ("хочу на курс немецкого, но у меня нет медицинской страховки", {"health_insurance"}),
        ("чи допоможе координаційний центр з пошуком житла", {"housing"}),
        ("entegrasyon ofisi yabancılar dairesi randevusu için yardım eder mi", {"residence"}),
    ],
)
def test_mixed_messages_still_give_the_out_of_scope_topic(text: str, topics: set[str]) -> None:
    """The caller decides what to answer; this module only says the topic is there."""
    assert out_of_scope_topics(text) == frozenset(topics)


@pytest.mark.parametrize(
    ("spellings", "topic"),
    [
        (
            ["Ausländerbehörde", "Auslaenderbehoerde", "auslanderbehorde", "AUSLÄNDERBEHÖRDE", "Ausländer-Behörde"],
            "residence",
        ),
        (["çalışma izni", "calisma izni", "ÇALIŞMA İZNİ", "Çalışma Izni"], "work"),
        (["الإقامة", "الاقامه", "الإِقَامَة", "وبالإقامة", "\ufe8d\ufef9\ufed7\ufe8e\ufee3\ufe94"], "residence"),
        (
            ["جوب سنتر", "الجوب سنتر", "جاب\u200cسنتر", "الjobcenter", "джобцентр", "Джоб-центр", "Jobcenterом"],
            "benefits",
        ),
        (["кіндергельд", "киндергельд", "کیندرگلد", "كيندر غيلد", "Kindergeld"], "benefits"),
        (["аусландербехёрде", "аусландербехорде", "ауслендербехерде", "اوسلندربهورده", "الأوسلاندر"], "residence"),
        (["анмельдунг", "انملدونغ", "آنملدونگ", "Anmeldung", "the anmeldung"], "registration"),
        (["کارت اقامت", "کارت‌اقامت", "كارت اقامت", "کارت اقامتم"], "residence"),
        (["возз'єднання сім'ї", "возз’єднання сім’ї", "воззʼєднання", "возєднання сімї"], "family_reunification"),
        (
            ["Führerschein", "Fuehrerschein", "Fuhrerschein", "EU-Führerschein", "Führer·schein", "фюрершайн"],
            "driving_licence",
        ),
    ],
)
def test_spelling_variants_give_the_same_topic(spellings: list[str], topic: str) -> None:
    for spelling in spellings:
        assert out_of_scope_topics(spelling) == {topic}, spelling


def test_fold() -> None:
    assert fold("Ausländerbehörde") == fold("Auslaenderbehoerde") == fold("AUSLANDERBEHORDE") == "auslanderbehorde"
    assert fold("ÇALIŞMA İZNİ") == "calisma izni"
    assert fold("أإآٱ") == "اااا"
    assert fold("يى ك ة") == "یی ک ه"
    assert fold("الإِقَامَة") == "الاقامه"  # tashkeel and hamza dropped
    assert fold("لجوء") == "لجو"
    assert fold("کارت\u200cاقامت") == "کارت اقامت"  # ZWNJ
    assert fold("۲۴ ٢٤") == "24 24"
    assert fold("возз'єднання") == fold("воззʼєднання") == "воззєднання"
    assert fold("الjobcenter") == "ال jobcenter"
    assert fold("Kranken-Versicherung") == "krankenversicherung kranken versicherung"
    assert fold("Führer·schein") == "fuhrerschein fuhrer schein"


@pytest.mark.parametrize("text", ["", "/start", "/help jobcenter", "   ", "???", "12345"])
def test_commands_and_empty_messages_give_nothing(text: str) -> None:
    assert out_of_scope_topics(text) == frozenset()


def test_the_shipped_lexicon_covers_every_topic_in_every_language(lexicon: Lexicon) -> None:
    covered = {(entry.topic, entry.language) for entry in lexicon.entries}
    for topic in TOPICS:
        for language in ("de", "en", "ar", "fa", "ru", "uk", "tr"):
            assert (topic, language) in covered, (topic, language)
    assert {entry.language for entry in lexicon.entries} == set(LANGUAGES)


def test_explain_names_the_patterns_that_matched(lexicon: Lexicon) -> None:
    hits = lexicon.explain("Mein Visum ist abgelaufen")
    assert ("residence", "de", "*visum") in hits


def test_staff_tool_prints_topics_and_patterns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["Wie beantrage ich Wohngeld?", "Öffnungszeiten am Freitag"]) == 0
    printed = capsys.readouterr().out
    assert "OK," in printed
    assert "'Wie beantrage ich Wohngeld?': housing" in printed
    assert "(in scope: no topic)" in printed


def test_no_pattern_backtracks_catastrophically(lexicon: Lexicon) -> None:
    """A guard against a staff pattern like (a+)+ that takes seconds, not a benchmark:
    measured about 0.5 ms per message and 5 ms for 2,000 characters on an idle 2-core
    machine; the bounds are 40-50x that, so a busy CI machine does not fail it."""
    texts = [text for _, text, _ in _OOS_CASES] + [text for _, text in _IN_CASES]
    lexicon.topics("warm up")
    start = time.perf_counter()
    for text in texts:
        lexicon.topics(text)
    per_message = (time.perf_counter() - start) / len(texts)
    assert per_message < 0.02, f"{per_message * 1e6:.0f} µs per message"
    long_message = "Ich habe eine Frage zur Integration in Nienburg. " * 40 + "Wo finde ich eine Wohnung?"
    start = time.perf_counter()
    assert lexicon.topics(long_message) == {"housing"}
    assert time.perf_counter() - start < 0.25


# --- the lexicon file: staff mistakes are reported with their line ----------------------------


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lexicon.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_small_lexicon_loads_and_classifies(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """topics:
  housing:
    de:
      - wohnung
      - pattern: anmeldung
        unless: ['*kurs']
    ar:
      - شقه
  registration:
    de:
      - pattern: anmeldung
        unless: ['*kurs']
""",
    )
    small = load_lexicon(path)
    assert small.topics("Ich suche eine Wohnung") == {"housing"}
    assert small.topics("وبالشقة") == {"housing"}  # Arabic clitics and ta marbuta
    assert small.topics("Anmeldung") == {"housing", "registration"}
    assert small.topics("Anmeldung zum Deutschkurs") == frozenset()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("topics:\n  weather:\n    de:\n      - regen\n", 2, "unknown topic 'weather'"),
        ("topics:\n  housing:\n    fr:\n      - logement\n", 3, "unknown language 'fr'"),
        ("topics:\n  housing:\n    de:\n      - wohnung\n      - (miet\n", 5, "not a valid pattern"),
        ("topics:\n  housing:\n    de:\n      - w?\n", 4, "matches (almost) every message"),
        ('topics:\n  residence:\n    en:\n      - "visa\\b"\n', 4, "control character"),
        ("topics:\n  housing:\n    de:\n      - pattern: miete\n        unless: 7\n", 5, "'unless:' needs a list"),
        ("topics:\n  housing:\n    de: wohnung\n", 3, "a list of patterns"),
        ("topics:\n  housing:\n    de:\n      - 24\n", 4, "a pattern must be text"),
        ("housing:\n  de:\n    - wohnung\n", 1, "'topics:' section"),
        (
            "topics:\n  school:\n    ru:\n      - pattern: школ\n        unless: ['языков']\n"
            "    uk:\n      - pattern: школ\n        unless: ['мовн']\n",
            7,
            "also under ru (line 4)",
        ),
    ],
)
def test_mistakes_are_reported_with_their_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    with pytest.raises(ProblemsError) as raised:
        load_lexicon(_write(tmp_path, text))
    assert any(p.line == line and message in p.message for p in raised.value.problems), raised.value


def test_the_live_lexicon_reloads_on_change_and_keeps_the_last_good_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "lexicon.yml"
    live = _Live(path)
    with caplog.at_level(logging.ERROR):
        assert live.get() is None  # no file yet: nothing found, an error logged
    assert "not loaded" in caplog.text

    _write(tmp_path, "topics:\n  housing:\n    de:\n      - wohnung\n")
    first = live.get()
    assert first is not None
    assert first.topics("Wohnung") == {"housing"}
    assert live.get() is first  # unchanged file: not read again

    _write(tmp_path, "topics:\n  housing:\n    de:\n      - wohnung\n      - miete\n")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    second = live.get()
    assert second is not None
    assert second.topics("Miete") == {"housing"}

    caplog.clear()
    _write(tmp_path, "topics:\n  housing:\n    de:\n      - (miete\n")
    with caplog.at_level(logging.ERROR):
        assert live.get() is second  # invalid edit: the last good lexicon stays
    assert "keeping the last good one" in caplog.text


@pytest.mark.parametrize(
    "text",
    [
        "گوشیم مرد، اصلا روشن نمیشه، کجا درستش کنم؟",
        "telefonum bozuldu ekran karardi, Vertrag'i iptal edebilir miyim",
        "у меня телефон сломался, где купить симку",
        "شريحة جديدة من وين بجيب",
        "де купити сімку в Гослярі",
    ],
)
def test_a_mobile_phone_or_sim_card_is_out_of_scope(lexicon: Lexicon, text: str) -> None:
    assert "phones_internet" in lexicon.topics(text)


@pytest.mark.parametrize(
    "text",
    ["Handynummer der Koordinierungsstelle?", "die Handy Nummer von Frau Aktas bitte", "phone number of the office"],
)
def test_the_offices_phone_number_is_no_phone_problem(lexicon: Lexicon, text: str) -> None:
    assert "phones_internet" not in lexicon.topics(text)


def test_no_place_name_in_any_form_is_an_out_of_scope_topic() -> None:
    # "а в Бад-Харцбурге?" was Hartz IV (benefits): the loanword "харц" matched the town (tried as a newcomer would).
    from actions.content.knowledge import load_knowledge
    from actions.content.knowledge.inflection import name_forms
    from actions.content.knowledge.names import place_names

    knowledge = load_knowledge(Path(__file__).resolve().parents[2] / "knowledge")
    topics = {form: out_of_scope_topics(form) for name in place_names(knowledge) for form in name_forms(name)}
    assert {form: found for form, found in topics.items() if found} == {}
    assert out_of_scope_topics("Харц IV кончился") == {"benefits"}
