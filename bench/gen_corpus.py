#!/usr/bin/env python3
"""Generate press-release style test corpora for the segmentation benchmark.

    gen_corpus.py --lang en --size-mb 50 --out bench/data/en-50mb.txt

The output is UTF-8 text: paragraphs of 2-7 sentences (now and then a
one-line heading), one paragraph per line, paragraphs separated by one blank
line, ending with a newline. Every sentence comes from a template that holds
exactly one sentence, with random names, initials, abbreviations, dates,
times, amounts and numbers substituted in, so the number of sentences is
known. It is written, with the byte and paragraph counts, to `OUT.meta.json`.

The stream is deterministic for a given language and seed: a smaller file is
a prefix (at a paragraph boundary) of a larger one made with the same seed.
The standard library only; no third-party packages.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys

# --------------------------------------------------------------------------
# English
# --------------------------------------------------------------------------

EN_POOLS = {
    "first": [
        "Vladimir", "Albert", "Mushahid", "Sherry", "Ahmed", "Fatima", "Sergey",
        "Maria", "John", "Ayesha", "Imran", "Olga", "Dmitry", "Bilal", "Sarah",
        "Nadeem", "Irina", "Khalid", "Elena", "Usman", "Nikolai", "Zainab",
        "Peter", "Hina", "Andrei", "Tariq", "Anna", "Faisal", "Yulia", "Omar",
    ],
    "last": [
        "Chizhov", "Khorev", "Hussain", "Rehman", "Lavrov", "Khan", "Qureshi",
        "Petrova", "Smith", "Malik", "Ivanov", "Abbasi", "Sokolov", "Butt",
        "Volkova", "Chaudhry", "Morozov", "Siddiqui", "Kuznetsov", "Awan",
        "Baig", "Orlov", "Durrani", "Fedorova", "Jamali", "Popov", "Zaidi",
    ],
    "title": [
        "Senator", "Ambassador", "Dr.", "Prof.", "Mr.", "Ms.", "Mrs.", "Gen.",
        "Lt. Col.", "Capt.", "Gov.", "Rep.", "Hon.", "H.E.", "Amb.", "Sen.",
        "Maj. Gen.", "Adm.", "Rev.", "Sgt.",
    ],
    "country": [
        "Pakistan", "Russia", "the Russian Federation", "China", "Kazakhstan",
        "Uzbekistan", "Iran", "Turkey", "the U.A.E.", "the U.K.", "the U.S.A.",
        "Sri Lanka", "Afghanistan", "Azerbaijan",
    ],
    "city": [
        "Islamabad", "Moscow", "Karachi", "St. Petersburg", "Lahore", "Kazan",
        "Peshawar", "Quetta", "Novosibirsk", "Gwadar", "Sochi", "Multan",
        "Washington, D.C.", "Ft. Worth", "Yekaterinburg", "Faisalabad",
    ],
    "org": [
        "the U.N.", "the Ministry of Foreign Affairs", "the Govt. of Pakistan",
        "the Russian Embassy", "the Senate Defence Committee", "Gazprom Intl. Ltd.",
        "Pak-Russia Gas Co.", "the State Bank of Pakistan", "the S.C.O. Secretariat",
        "Oil & Gas Development Co. Ltd.", "Pakistan Steel Mills Corp.",
        "the Intl. Monetary Fund", "the Chamber of Commerce & Industry",
        "Rosatom State Corp.", "Acme Holdings Inc.", "the Dept. of Energy",
    ],
    "univ": [
        "the Univ. of Karachi", "Moscow State University", "Quaid-i-Azam Univ.",
        "the National Univ. of Sciences & Technology", "St. Petersburg State Univ.",
        "the Lahore Univ. of Management Sciences", "the Inst. of Strategic Studies",
    ],
    "month": [
        "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.",
        "Oct.", "Nov.", "Dec.", "January", "March", "October", "December",
    ],
    "month_full": [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ],
    "weekday": ["Mon.", "Tues.", "Wed.", "Thurs.", "Fri.", "Sat.", "Monday", "Friday"],
    "sector": [
        "energy", "trade", "education", "defence", "agriculture", "railways",
        "information technology", "health", "space research", "banking",
    ],
    "goods": [
        "textiles", "rice", "citrus fruits", "surgical instruments", "wheat",
        "fertilisers", "leather goods", "sports goods", "LNG", "steel",
    ],
    "domain": ["mofa", "senate", "pakrussia", "moitt", "boi", "pbs", "finance"],
}

EN_TEMPLATES = [
    "{title} {name} met H.E. {name}, Ambassador of {country}, on {date} at {time} in {city}.",
    "The meeting was held at the Ministry of Foreign Affairs in {city} on {weekday}, {date}.",
    "Both sides discussed cooperation in {sector}, {sector}, {sector}, etc. and agreed to meet again in {month_full}.",
    "{title} {last} said that bilateral trade reached {money} in {year}, up {pct} from the previous year.",
    "According to Dr. {name}, approx. {int} students from {country} are enrolled at {univ}.",
    "The delegation included Mr. {name}, Ms. {name} and Col. {name} (retd.) of {org}.",
    "The agreement (No. {int}/{year}) was signed by {title} {name} on behalf of {org}.",
    "\u201cWe value our long-standing friendship with {country},\u201d said {title} {last}.",
    "The U.N. report, vol. {small}, p. {int}, notes a {pct} increase in aid to {country}.",
    "Projects worth {money} are planned in {city}, {city} and {city}, among other cities.",
    "The next session is scheduled for {date} at {time} in {city}.",
    "Prof. {name}, Ph.D., presented the findings of the joint study at {univ}.",
    "Trade turnover rose to {money} in the fiscal year {year}-{yy}, said {title} {last}.",
    "Is this the start of a new chapter in relations between {country} and {country}?",
    "Exports of {goods}, {goods}, {goods} etc. increased by {pct} in Q{q} {year}.",
    "The spokesperson, Ms. {name}, declined to comment on the reports!",
    "{title} {last} thanked {org} for its support, i.e. the funding of {int} schools in {city}.",
    "Capt. {name} of the Pakistan Navy welcomed the Russian ships at {city} at {time}.",
    "Gen. {last} and Lt. Gen. {last} attended the wreath-laying ceremony in {city} on {date}.",
    "In {year}, {int} students from {country} received scholarships under the programme.",
    "The visit follows talks held in {city} on {date} between the two foreign ministers.",
    "A memorandum of understanding on cooperation in science and technology (S&T) was also signed by {title} {last}.",
    "The cost is estimated at U.S. ${float} bn., according to {org}.",
    "For details, see www.{domain}.gov.pk or call +92-51-{phone} (ext. {small}).",
    "The Senate Committee on Foreign Affairs, chaired by Senator {name}, met on {date} at {time}.",
    "The Russian side was represented by Mr. {name}, Deputy Director, Dept. of Asia, and Mrs. {name}.",
    "Over {int} km of roads and {small} bridges will be built by {year} at a cost of {money}.",
    "Mr. {last} vs. Mr. {last}: the televised debate on {sector} drew {int} viewers on {date}.",
    "Dr. {last} said the results of the {year} survey, e.g. a {pct} rise in literacy, were encouraging.",
    "The event concluded with a dinner hosted by Amb. {name} at {time}.",
    "St. {last}'s Cathedral in {city} will host the exhibition from {date} to {date}.",
    "Why should {country} not join the {sector} corridor, asked {title} {name}?",
]

EN_HEADINGS = [
    "{country} and {country} agree to expand {sector} cooperation",
    "Press Release No. {int}",
    "{city}, {date}",
    "Senate delegation visits {city}",
]


def en_name(rng: random.Random) -> str:
    p = EN_POOLS
    k = rng.random()
    if k < 0.4:
        return f"{rng.choice(p['first'])} {initial(rng, LATIN_CAPS)} {rng.choice(p['last'])}"
    if k < 0.6:
        return f"{initial(rng, LATIN_CAPS)} {initial(rng, LATIN_CAPS)} {rng.choice(p['last'])}"
    if k < 0.7:
        return f"{initial(rng, LATIN_CAPS)}{initial(rng, LATIN_CAPS)} {rng.choice(p['last'])}"
    return f"{rng.choice(p['first'])} {rng.choice(p['last'])}"


def en_time(rng: random.Random) -> str:
    h = rng.randint(1, 12)
    m = rng.choice(["00", "15", "30", "45", "05"])
    ampm = rng.choice(["a.m.", "p.m."])
    style = rng.random()
    if style < 0.4:
        return f"{h}.{m} {ampm}"
    if style < 0.8:
        return f"{h}:{m} {ampm}"
    return f"{h} {ampm}"


def en_money(rng: random.Random) -> str:
    amount = f"{rng.randint(1, 999)}.{rng.randint(0, 9)}"
    return rng.choice([
        f"${amount} million", f"US$ {amount} bn", f"Rs. {amount} billion",
        f"\u20ac{amount} m", f"Rs {amount} mln.", f"${rng.randint(1, 999):,},{rng.randint(0, 999):03d}",
    ])


def en_date(rng: random.Random) -> str:
    return f"{rng.choice(EN_POOLS['month'])} {rng.randint(1, 28)}, {rng.randint(1998, 2025)}"


# --------------------------------------------------------------------------
# Russian
# --------------------------------------------------------------------------

RU_POOLS = {
    "last_nom": [
        "Чижов", "Хорев", "Лавров", "Иванов", "Петров", "Соколов", "Морозов",
        "Кузнецов", "Орлов", "Попов", "Волков", "Фёдоров", "Смирнов", "Козлов",
        "Хусейн", "Хан", "Куреши", "Малик", "Аббаси", "Рехман",
    ],
    "last_ins": [
        "Хоревым", "Чижовым", "Лавровым", "Ивановым", "Петровым", "Соколовым",
        "Морозовым", "Орловым", "Поповым", "Ханом", "Маликом", "Хусейном",
    ],
    "last_gen": [
        "Чижова", "Хорева", "Лаврова", "Иванова", "Петрова", "Соколова",
        "Орлова", "Хана", "Малика", "Хусейна", "Аббаси", "Куреши",
    ],
    "title_nom": [
        "Сенатор", "Посол", "Министр", "Профессор", "Генерал", "Депутат",
        "Губернатор", "Проф.", "Акад.", "Ген.", "Зам. министра", "Председатель",
    ],
    "title_low": ["сенатор", "посол", "министр", "профессор", "генерал", "депутат", "губернатор", "проф.", "акад.", "ген.", "зам. министра"],
    "title_ins": ["послом", "министром", "сенатором", "губернатором", "депутатом", "профессором"],
    "city_pre": [
        "Исламабаде", "Москве", "Карачи", "Санкт-Петербурге", "Лахоре", "Казани",
        "Пешаваре", "Новосибирске", "Гвадаре", "Сочи", "Екатеринбурге", "Кветте",
    ],
    "city_nom": [
        "Исламабад", "Москва", "Карачи", "Санкт-Петербург", "Лахор", "Казань",
        "Пешавар", "Новосибирск", "Гвадар", "Сочи", "Екатеринбург",
    ],
    "country_gen": [
        "Пакистана", "России", "Российской Федерации", "Китая", "Казахстана",
        "Узбекистана", "Ирана", "Турции", "ОАЭ", "Индии", "Азербайджана",
    ],
    "org": [
        "МИД России", "МИД Пакистана", "ООН", "ШОС", "ОАО «Газпром»", "ПАО «Роснефть»",
        "ГК «Росатом»", "Совета Федерации", "Госдумы РФ", "Минэнерго РФ",
        "ООО «Пак-Рус Газ»", "Торгово-промышленной палаты", "ЦБ РФ", "МГИМО (У) МИД России",
    ],
    "month_gen": [
        "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
        "августа", "сентября", "октября", "ноября", "декабря",
    ],
    "month_abbr": ["янв.", "февр.", "мар.", "апр.", "авг.", "сент.", "окт.", "нояб.", "дек."],
    "sector": [
        "энергетики", "торговли", "образования", "обороны", "сельского хозяйства",
        "железных дорог", "информационных технологий", "здравоохранения", "банковского дела",
    ],
    "goods": ["текстиля", "риса", "цитрусовых", "хирургических инструментов", "пшеницы", "удобрений", "СПГ", "стали"],
    "street": ["Тверская", "Б. Полянка", "Смоленская-Сенная пл.", "Садовая-Кудринская", "пр. Мира"],
}

RU_TEMPLATES = [
    "Сенатор {ini} {last_nom} встретился с {title_ins} {ini} {last_ins} {date} в {city_pre}.",
    "Встреча состоялась {date} в {time} в здании {org} в {city_pre}.",
    "Стороны обсудили сотрудничество в области {sector}, {sector}, {sector} и т. д.",
    "По словам {ini} {last_gen}, товарооборот в {year} г. достиг {money}.",
    "{title_nom} {ini} {last_nom} отметил, что объём торговли вырос на {pct} по сравнению с {year} г.",
    "В состав делегации вошли г-н {ini} {last_nom}, г-жа {ini} {last_nom} и др.",
    "Соглашение № {int}/{year} было подписано {date} в {city_pre}.",
    "«Мы высоко ценим многолетнюю дружбу с народом {country_gen}», — заявил {title_low} {last_nom}.",
    "Следующее заседание межправкомиссии запланировано на {month_abbr} {year} г.",
    "Проекты общей стоимостью ок. {money} будут реализованы в {city_pre}, {city_pre} и др. городах.",
    "Проф. {ini} {last_nom}, д. э. н., представил результаты совместного исследования.",
    "Товарооборот за {years} гг. составил {money}, т. е. вырос на {pct}.",
    "Станет ли этот визит началом нового этапа в отношениях {country_gen} и {country_gen}?",
    "Экспорт {goods}, {goods}, {goods} и т. п. увеличился на {pct} во II кв. {year} г.",
    "Официальный представитель МИД г-жа {ini} {last_nom} отказалась от комментариев!",
    "{title_nom} {last_nom} поблагодарил {org} за поддержку, в т. ч. за финансирование {int} школ.",
    "Корабли ВМФ России прибыли в порт {city_nom} {date} в {time}.",
    "Ген. {ini} {last_nom} и адм. {ini} {last_nom} приняли участие в церемонии возложения венков.",
    "В {year} г. {int} студентов из {country_gen} получили стипендии по программе обмена.",
    "Визит последовал за переговорами министров иностранных дел в {city_pre} {date}.",
    "Также был подписан меморандум о сотрудничестве в области науки и техники (НиТ).",
    "Стоимость проекта оценивается в {float} млрд долл. США, сообщили в {org}.",
    "Подробности см. на сайте www.{domain}.ru или по тел. +7 (495) {phone}.",
    "Комитет СФ по международным делам под председательством {ini} {last_gen} собрался {date}.",
    "Российскую сторону представлял {ini} {last_nom}, зам. директора Второго департамента Азии.",
    "К {year} г. будет построено св. {int} км дорог и {small} мостов.",
    "Выставка откроется {date} по адресу: г. {city_nom}, ул. {street}, д. {small}, стр. {small}.",
    "Согласно ст. {small} п. {small} соглашения, стороны обмениваются информацией ежекв.",
    "Д-р {last_nom} сообщил, что результаты опроса {year} г., напр. рост грамотности на {pct}, обнадёживают.",
    "Мероприятие завершилось приёмом, который дал посол {ini} {last_nom} в {time}.",
    "Не пора ли правительству {country_gen} присоединиться к коридору, спросил акад. {ini} {last_nom}?",
]

RU_HEADINGS = [
    "Пресс-релиз № {int}",
    "{city_nom}, {date}",
    "Россия и Пакистан расширяют сотрудничество в области {sector}",
]


def ru_initials(rng: random.Random) -> str:
    k = rng.random()
    if k < 0.7:
        return f"{initial(rng, CYR_CAPS)} {initial(rng, CYR_CAPS)}"
    if k < 0.85:
        return f"{initial(rng, CYR_CAPS)}{initial(rng, CYR_CAPS)}"
    return initial(rng, CYR_CAPS)


def ru_time(rng: random.Random) -> str:
    h = rng.randint(8, 21)
    m = rng.choice(["00", "15", "30", "45"])
    return rng.choice([f"{h}.{m}", f"{h}:{m}", f"{h}.{m} мск"])


def ru_money(rng: random.Random) -> str:
    amount = f"{rng.randint(1, 999)},{rng.randint(0, 9)}"
    return rng.choice([
        f"{amount} млн долл.", f"{amount} млрд руб.", f"{amount} тыс. т",
        f"{amount} млн евро", f"$ {amount} млрд",
    ])


def ru_date(rng: random.Random) -> str:
    d, y = rng.randint(1, 28), rng.randint(1998, 2025)
    return rng.choice([
        f"{d} {rng.choice(RU_POOLS['month_gen'])} {y} г.",
        f"{d} {rng.choice(RU_POOLS['month_gen'])} {y} года",
        f"{d:02d}.{rng.randint(1, 12):02d}.{y}",
    ])


# --------------------------------------------------------------------------
# Urdu (Urdu letters only: ی U+06CC, ک U+06A9, ہ U+06C1; never their Arabic
# look-alikes ي U+064A, ك U+0643, ه U+0647, ى U+0649)
# --------------------------------------------------------------------------

UR_POOLS = {
    "name": [
        "مشاہد حسین سید", "شیری رحمان", "عارف علوی", "بلاول بھٹو زرداری",
        "اسحاق ڈار", "فاطمہ جناح", "عمران احمد", "عائشہ صدیقی", "بلال قریشی",
        "ولادیمیر چیزوف", "البرٹ خوریف", "سرگئی لاوروف", "دمتری پیٹروف",
        "نادیہ خان", "طارق محمود", "زینب عباسی", "فیصل کریم کنڈی",
    ],
    "title": [
        "سینیٹر", "سفیر", "ڈاکٹر", "پروفیسر", "جنرل", "وزیر خارجہ", "گورنر",
        "چیئرمین", "محترمہ", "جناب", "ایڈمرل", "کرنل (ر)",
    ],
    "city": [
        "اسلام آباد", "ماسکو", "کراچی", "سینٹ پیٹرزبرگ", "لاہور", "کازان",
        "پشاور", "کوئٹہ", "گوادر", "ملتان", "فیصل آباد", "سوچی",
    ],
    "country": [
        "پاکستان", "روس", "چین", "قازقستان", "ازبکستان", "ایران", "ترکی",
        "متحدہ عرب امارات", "سری لنکا", "آذربائیجان",
    ],
    "org": [
        "وزارت خارجہ", "اقوام متحدہ", "شنگھائی تعاون تنظیم (SCO)", "سینیٹ کی قائمہ کمیٹی",
        "اسٹیٹ بینک آف پاکستان", "روسی سفارت خانہ", "ایوان صنعت و تجارت",
        "او جی ڈی سی ایل", "پاکستان اسٹیل ملز", "بین الاقوامی مالیاتی فنڈ (IMF)",
    ],
    "month": [
        "جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست",
        "ستمبر", "اکتوبر", "نومبر", "دسمبر",
    ],
    "sector": [
        "توانائی", "تجارت", "تعلیم", "دفاع", "زراعت", "ریلوے",
        "انفارمیشن ٹیکنالوجی", "صحت", "بینکاری", "خلائی تحقیق",
    ],
    "goods": ["کپڑے", "چاول", "کینو", "جراحی کے آلات", "گندم", "کھاد", "چمڑے کی مصنوعات", "کھیلوں کا سامان"],
}

UR_TEMPLATES = [
    "سینیٹر {name} نے روسی سفیر {name} سے {date} کو {city} میں ملاقات کی۔",
    "ملاقات {date} کو {time} وزارت خارجہ، {city} میں ہوئی۔",
    "دونوں فریقین نے {sector}، {sector} اور {sector} کے شعبوں میں تعاون پر تبادلہ خیال کیا۔",
    "{title} {name} نے کہا کہ {year}ء میں دو طرفہ تجارت {money} تک پہنچ گئی۔",
    "{title} {name} کے مطابق {country} کے تقریباً {int} طلبہ پاکستانی جامعات میں زیر تعلیم ہیں۔",
    "وفد میں جناب {name}، محترمہ {name} اور کرنل (ر) {name} شامل تھے۔",
    "معاہدہ نمبر {int}/{year} پر {title} {name} نے {org} کی جانب سے دستخط کیے۔",
    "{title} {name} نے کہا، «ہم {country} کے ساتھ اپنی دیرینہ دوستی کو قدر کی نگاہ سے دیکھتے ہیں۔»",
    "اقوام متحدہ کی رپورٹ کے صفحہ {int} کے مطابق امداد میں {pct} اضافہ ہوا۔",
    "{city}، {city} اور {city} میں {money} مالیت کے منصوبے شروع کیے جائیں گے۔",
    "آئندہ اجلاس {date} کو {time} {city} میں ہوگا۔",
    "پروفیسر ڈاکٹر {name} نے مشترکہ تحقیق کے نتائج پیش کیے۔",
    "مالی سال {year}-{yy} میں تجارتی حجم {money} تک پہنچ گیا۔",
    "کیا یہ {country} اور {country} کے تعلقات میں ایک نئے باب کا آغاز ہے؟",
    "{goods}، {goods} اور {goods} کی برآمدات میں {pct} اضافہ ہوا۔",
    "ترجمان دفتر خارجہ محترمہ {name} نے ان خبروں پر تبصرہ کرنے سے انکار کر دیا!",
    "{title} {name} نے {org} کا شکریہ ادا کیا جس نے {int} اسکولوں کے لیے مالی مدد فراہم کی۔",
    "پاک بحریہ کے کیپٹن {name} نے {city} کی بندرگاہ پر روسی بحری جہازوں کا استقبال کیا۔",
    "جنرل {name} اور لیفٹیننٹ جنرل {name} نے {city} میں پھول چڑھانے کی تقریب میں شرکت کی۔",
    "{year}ء میں {country} کے {int} طلبہ کو اس پروگرام کے تحت وظائف دیے گئے۔",
    "یہ دورہ {date} کو {city} میں دونوں وزرائے خارجہ کے درمیان مذاکرات کے بعد ہو رہا ہے۔",
    "سائنس اور ٹیکنالوجی (S&T) میں تعاون کی مفاہمتی یادداشت پر بھی دستخط کیے گئے۔",
    "{org} کے مطابق منصوبے کی لاگت کا تخمینہ {float} ارب ڈالر لگایا گیا ہے۔",
    "مزید معلومات کے لیے www.mofa.gov.pk ملاحظہ کریں یا 051-{phone} پر رابطہ کریں۔",
    "سینیٹ کی قائمہ کمیٹی برائے امور خارجہ کا اجلاس {name} کی صدارت میں {date} کو ہوا۔",
    "روسی وفد کی قیادت نائب وزیر خارجہ {name} نے کی۔",
    "{year}ء تک {int} کلومیٹر سڑکیں اور {small} پل تعمیر کیے جائیں گے۔",
    "ڈاکٹر {name} نے کہا کہ {year}ء کے سروے کے نتائج، مثلاً خواندگی میں {pct} اضافہ، حوصلہ افزا ہیں۔",
    "تقریب کا اختتام سفیر {name} کی جانب سے دیے گئے عشائیے پر ہوا۔",
    "نمائش {date} سے {date} تک {city} کے ایکسپو سینٹر میں جاری رہے گی۔",
    "{country} اس راہداری میں شامل کیوں نہ ہو، {title} {name} نے سوال کیا؟",
    "اجلاس میں شرکت کرنے والوں میں ڈاکٹر {name}، پروفیسر {name} وغیرہ شامل تھے۔",
]

UR_HEADINGS = [
    "پریس ریلیز نمبر {int}",
    "{city}، {date}",
    "پاکستان اور روس کا {sector} کے شعبے میں تعاون بڑھانے پر اتفاق",
]

UR_DIGITS = str.maketrans("0123456789", "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9")


def ur_num(rng: random.Random, s: str) -> str:
    """Western digits most of the time, Urdu (Extended Arabic-Indic) digits sometimes."""
    return s.translate(UR_DIGITS) if rng.random() < 0.3 else s


def ur_date(rng: random.Random) -> str:
    d, y = rng.randint(1, 28), rng.randint(1998, 2025)
    return ur_num(rng, f"{d} {rng.choice(UR_POOLS['month'])} {y}ء")


def ur_time(rng: random.Random) -> str:
    h = rng.randint(1, 12)
    return rng.choice([f"صبح {h} بجے", f"سہ پہر {h} بجے", f"شام {h}:30 بجے", f"دوپہر {h} بج کر 15 منٹ پر"])


def ur_money(rng: random.Random) -> str:
    amount = ur_num(rng, f"{rng.randint(1, 999)}.{rng.randint(0, 9)}")
    return rng.choice([f"{amount} ملین ڈالر", f"{amount} ارب روپے", f"{amount} کروڑ روپے", f"{amount} ارب ڈالر"])


# --------------------------------------------------------------------------
# Shared machinery
# --------------------------------------------------------------------------

LATIN_CAPS = "ABCDEFGHIJKLMNOPRSTVWZ"
CYR_CAPS = "АБВГДЕЖЗИКЛМНОПРСТУФХЧШЭЮЯ"


def initial(rng: random.Random, caps: str) -> str:
    return rng.choice(caps) + "."


def common_slots(rng: random.Random) -> dict:
    return {
        "int": lambda: f"{rng.randint(2, 9999):,}" if rng.random() < 0.5 else str(rng.randint(2, 999)),
        "small": lambda: str(rng.randint(2, 40)),
        "year": lambda: str(rng.randint(1998, 2025)),
        "yy": lambda: f"{rng.randint(0, 99):02d}",
        "q": lambda: str(rng.randint(1, 4)),
        "pct": lambda: f"{rng.randint(1, 95)}.{rng.randint(0, 9)}%" if rng.random() < 0.5 else f"{rng.randint(1, 95)} per cent",
        "float": lambda: f"{rng.randint(1, 99)}.{rng.randint(1, 99)}",
        "phone": lambda: f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
    }


def slots_for(lang: str, rng: random.Random) -> dict:
    slots = common_slots(rng)

    def pool(p: dict):
        return {k: (lambda v=v: rng.choice(v)) for k, v in p.items()}

    if lang == "en":
        slots.update(pool(EN_POOLS))
        slots.update({
            "name": lambda: en_name(rng),
            "date": lambda: en_date(rng),
            "time": lambda: en_time(rng),
            "money": lambda: en_money(rng),
        })
    elif lang == "ru":
        slots.update(pool(RU_POOLS))
        slots.update({
            "ini": lambda: ru_initials(rng),
            "int": lambda: str(rng.randint(2, 9999)),
            "years": lambda: (lambda y: f"{y}–{y + 1}")(rng.randint(1998, 2024)),
            "date": lambda: ru_date(rng),
            "time": lambda: ru_time(rng),
            "money": lambda: ru_money(rng),
            "pct": lambda: f"{rng.randint(1, 95)},{rng.randint(0, 9)}%" if rng.random() < 0.6 else f"{rng.randint(1, 95)} проц.",
            "float": lambda: f"{rng.randint(1, 99)},{rng.randint(1, 99)}",
            "domain": lambda: rng.choice(["mid", "council.gov", "duma.gov", "rosatom", "tpprf"]),
            "phone": lambda: f"{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
        })
    elif lang == "ur":
        slots.update(pool(UR_POOLS))
        base = dict(slots)
        slots.update({
            "date": lambda: ur_date(rng),
            "time": lambda: ur_time(rng),
            "money": lambda: ur_money(rng),
            "int": lambda: ur_num(rng, base["int"]()),
            "year": lambda: ur_num(rng, base["year"]()),
            "pct": lambda: ur_num(rng, f"{rng.randint(1, 95)} فیصد"),
            "float": lambda: ur_num(rng, base["float"]()),
        })
    return slots


TEMPLATES = {
    "en": (EN_TEMPLATES, EN_HEADINGS),
    "ru": (RU_TEMPLATES, RU_HEADINGS),
    "ur": (UR_TEMPLATES, UR_HEADINGS),
}

SLOT = re.compile(r"\{(\w+)\}")

# Arabic look-alikes that must never appear in Urdu text.
NOT_URDU = {"\u064a": "ي", "\u0643": "ك", "\u0647": "ه", "\u0649": "ى"}


def compile_template(t: str) -> list:
    """Splits a template into literal strings and slot names (odd indices)."""
    return SLOT.split(t)


def check_urdu() -> None:
    texts = list(UR_TEMPLATES) + list(UR_HEADINGS)
    for v in UR_POOLS.values():
        texts.extend(v)
    for t in texts:
        for ch in NOT_URDU:
            if ch in t:
                sys.exit(f"gen_corpus.py: Arabic U+{ord(ch):04X} in Urdu text: {t!r}")


def generate(lang: str, size_bytes: int, seed: int, out) -> dict:
    """Writes paragraphs to the binary stream `out` until at least
    `size_bytes` bytes are written; returns the counts."""
    rng = random.Random(f"{lang}:{seed}")
    slots = slots_for(lang, rng)
    templates, headings = TEMPLATES[lang]
    templates = [compile_template(t) for t in templates]
    headings = [compile_template(t) for t in headings]

    def render(parts: list) -> str:
        text = "".join(slots[p]() if i % 2 else p for i, p in enumerate(parts))
        # A sentence that ends in an abbreviation ("at 10 a.m.", "в 2024 г.",
        # "the U.S.A.") takes no second full stop, as in real text.
        return text.replace("..", ".")

    written = paragraphs = sentences = 0
    buf: list[bytes] = []
    buffered = 0
    while written + buffered < size_bytes:
        if rng.random() < 0.08:
            para = render(rng.choice(headings))
            n = 1
        else:
            n = rng.randint(2, 7)
            para = " ".join(render(rng.choice(templates)) for _ in range(n))
        chunk = (("\n" if paragraphs else "") + para + "\n").encode()
        # Paragraphs are separated by one blank line: "\n" ends a
        # paragraph's line, the next paragraph starts with another "\n".
        buf.append(chunk)
        buffered += len(chunk)
        paragraphs += 1
        sentences += n
        if buffered >= 1 << 20:
            out.write(b"".join(buf))
            written += buffered
            buf.clear()
            buffered = 0
    out.write(b"".join(buf))
    written += buffered
    return {"lang": lang, "seed": seed, "bytes": written, "paragraphs": paragraphs, "sentences": sentences}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", choices=sorted(TEMPLATES), required=True)
    ap.add_argument("--size-mb", type=float, required=True, help="stop after at least this many MB (10^6 bytes)")
    ap.add_argument("--seed", type=int, default=20240207)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    check_urdu()
    tmp = args.out + ".tmp"
    with open(tmp, "wb") as f:
        meta = generate(args.lang, int(args.size_mb * 1e6), args.seed, f)
    os.replace(tmp, args.out)
    with open(args.out + ".meta.json", "w") as f:
        json.dump(meta, f)
        f.write("\n")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
