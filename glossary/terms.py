"""The glossary's first terms in Kyrgyz, Russian and English: (slug, {language: (term, explanation)}).

Loaded by `load_glossary` (the demo loader calls it); editors change them afterwards as snippets.
"""

TERMS = [
    (
        "accreditation",
        {
            "ky": (
                "Аккредитация",
                "Мамлекет билим берүү уюму жана анын программалары белгиленген сапат талаптарына жооп берерин текшерип, тастыктаганы.",
            ),
            "ru": (
                "Аккредитация",
                "Проверка, которой государство подтверждает, что образовательная организация и её программы отвечают установленным требованиям к качеству.",
            ),
            "en": (
                "Accreditation",
                "A check by which the state confirms that an education organization and its programmes meet the set quality requirements.",
            ),
        },
    ),
    (
        "accredited",
        {
            "ky": (
                "Аккредитацияланган",
                "Уюм текшерүүдөн өттү: анын дипломдору жана күбөлүктөрү мамлекет тарабынан таанылат.",
            ),
            "ru": ("Аккредитована", "Организация прошла проверку: её дипломы и аттестаты признаются государством."),
            "en": (
                "Accredited",
                "The organization passed the check: the state recognizes its diplomas and certificates.",
            ),
        },
    ),
    (
        "accredited-with-conditions",
        {
            "ky": (
                "Шарттар менен аккредитацияланган",
                "Уюм аккредитацияланган, бирок белгиленген мөөнөттө аталган кемчиликтерди жоюшу керек.",
            ),
            "ru": (
                "Аккредитована с условиями",
                "Организация аккредитована, но должна в установленный срок устранить названные недостатки.",
            ),
            "en": (
                "Accredited with conditions",
                "The organization is accredited but must remove the named shortcomings within a set time.",
            ),
        },
    ),
    (
        "accreditation-refused",
        {
            "ky": (
                "Аккредитациядан баш тартылган",
                "Уюм текшерүүдөн өткөн жок: окуучу кийин окуусун улантуудан же дипломду тааныттыруудан мурун муну эске алышы керек.",
            ),
            "ru": (
                "В аккредитации отказано",
                "Организация не прошла проверку: учащемуся стоит учесть это, прежде чем поступать, продолжать учёбу или признавать диплом.",
            ),
            "en": (
                "Accreditation refused",
                "The organization did not pass the check: a learner should weigh this before enrolling, continuing or relying on its diploma.",
            ),
        },
    ),
    (
        "accreditation-expired",
        {
            "ky": (
                "Аккредитациянын мөөнөтү бүткөн",
                "Мурунку аккредитациянын мөөнөтү өтүп кеткен, ал эми жаңы чечим азырынча жок.",
            ),
            "ru": ("Срок аккредитации истёк", "Срок прежней аккредитации прошёл, а нового решения пока нет."),
            "en": ("Accreditation expired", "The earlier accreditation has run out and there is no new decision yet."),
        },
    ),
    (
        "not-accredited-yet",
        {
            "ky": (
                "Азырынча аккредитацияланган эмес",
                "Бул уюм боюнча аккредитация жөнүндө чечим азырынча жарыяланган жок.",
            ),
            "ru": ("Пока не аккредитована", "Решение об аккредитации этой организации пока не опубликовано."),
            "en": ("Not accredited yet", "No accreditation decision about this organization has been published yet."),
        },
    ),
    (
        "remediation",
        {
            "ky": (
                "Кемчиликтерди жоюу",
                "Аккредитация чечиминде аталган кемчиликтерди уюм жоюп, бул тууралуу отчет берет (1482/1 буйругу, 1в-пункт).",
            ),
            "ru": (
                "Устранение недостатков",
                "Организация устраняет недостатки, названные в решении об аккредитации, и отчитывается об этом (приказ 1482/1, пункт 1в).",
            ),
            "en": (
                "Remediation",
                "The organization removes the shortcomings named in an accreditation decision and reports on it (Order 1482/1, item 1c).",
            ),
        },
    ),
    (
        "self-assessment",
        {
            "ky": (
                "Өзүн-өзү баалоо",
                "Уюм жыл сайын 32 критерий боюнча өзүн текшерип, натыйжасын далилдери менен отчетко жазат.",
            ),
            "ru": (
                "Самооценка",
                "Ежегодная проверка организацией самой себя по 32 критериям, с результатами и доказательствами в отчёте.",
            ),
            "en": (
                "Self-assessment",
                "The organization's yearly check of itself against 32 criteria, with the results and evidence written up in a report.",
            ),
        },
    ),
    (
        "criterion-1-6",
        {
            "ky": (
                "1.6-критерий",
                "Уюм өзүнүн миссиясын, пландарын, максаттарын, окутуунун натыйжаларын жана сапат системасын ачык жарыялашы керек.",
            ),
            "ru": (
                "Критерий 1.6",
                "Организация должна открыто публиковать свою миссию, планы, цели, результаты обучения и систему качества.",
            ),
            "en": (
                "Criterion 1.6",
                "The organization must openly publish its mission, plans, goals, learning outcomes and quality system.",
            ),
        },
    ),
    (
        "criterion-4-3",
        {
            "ky": (
                "4.3-критерий",
                "Уюм берилүүчү квалификацияларды, окутуунун формаларын, баалоону, өтүү баллдарын жана бүтүрүүчүлөрдүн иш табуу мүмкүнчүлүктөрүн жарыялашы керек.",
            ),
            "ru": (
                "Критерий 4.3",
                "Организация должна публиковать присваиваемые квалификации, формы обучения, оценивание, проходные баллы и возможности трудоустройства выпускников.",
            ),
            "en": (
                "Criterion 4.3",
                "The organization must publish the qualifications it awards, its forms of study, assessment, passing scores and graduates' job prospects.",
            ),
        },
    ),
    (
        "criterion-4-4",
        {
            "ky": (
                "4.4-критерий",
                "Уюм өзү тууралуу маалыматты сайт жана массалык маалымат каражаттары аркылуу коомчулукка жеткириши керек.",
            ),
            "ru": (
                "Критерий 4.4",
                "Организация должна доносить сведения о себе до общества через сайт и средства массовой информации.",
            ),
            "en": (
                "Criterion 4.4",
                "The organization must tell the public about itself through its website and the mass media.",
            ),
        },
    ),
    (
        "licence",
        {
            "ky": (
                "Лицензия",
                "Мамлекеттин уюмга белгилүү бир билим берүү программасы боюнча окутууга берген уруксаты.",
            ),
            "ru": (
                "Лицензия",
                "Разрешение государства организации вести обучение по определённой образовательной программе.",
            ),
            "en": (
                "Licence",
                "The state's permission for an organization to teach a particular educational programme.",
            ),
        },
    ),
    (
        "qualification",
        {
            "ky": (
                "Квалификация",
                "Программаны бүтүргөндө берилүүчү даража же кесип, мисалы, «медайым» же «бакалавр».",
            ),
            "ru": (
                "Квалификация",
                "Уровень или профессия, которую получает выпускник программы, например «медсестра» или «бакалавр».",
            ),
            "en": (
                "Qualification",
                "The level or profession a programme's graduate receives, such as “nurse” or “bachelor”.",
            ),
        },
    ),
    (
        "transparency-score",
        {
            "ky": (
                "Ачыктык көрсөткүчү",
                "0дөн 100гө чейинки балл: уюм талап кылынган маалыматтын канчасын жана канчалык жакында жарыялаганын көрсөтөт.",
            ),
            "ru": (
                "Индекс открытости",
                "Балл от 0 до 100: сколько требуемых сведений организация опубликовала и насколько недавно.",
            ),
            "en": (
                "Transparency score",
                "A score from 0 to 100: how much of the required information the organization has published, and how recently.",
            ),
        },
    ),
]
