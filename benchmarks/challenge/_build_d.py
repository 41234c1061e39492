"""Articles c031-c040 of the challenge set (project-written text)."""
from _lib import ART, C, N

ART("c031", None, """Taliban sweep through Takhar and Badakhshan over the weekend
By Thomas Joscelyn and Bill Rahmani | FDD's Long War Journal
The Taliban seized eight districts in the northeastern provinces of Takhar and Badakhshan over the weekend, according to LWJ research. The districts that fell are:
- Khwaja Ghar, Takhar
- Rustaq, Takhar
- Yangi Qala, Takhar
- Darqad, Takhar
- Chah Ab, Takhar
- Argo, Badakhshan
- Darayim, Badakhshan
- Yamgan, Badakhshan
The Afghan government claims to have retaken Yangi Qala, but has provided no evidence.
The Taliban also claimed on Twitter to have seized the Ai Khanum border crossing with Tajikistan.
LWJ's map now shows the Taliban controlling 204 districts.
""", [
    C("Khwaja Ghar", "district", "AF1809", "taliban", None, "unknown", "FDD's Long War Journal", "- Khwaja Ghar, Takhar"),
    C("Rustaq", "district", "AF1810", "taliban", None, "unknown", "FDD's Long War Journal", "- Rustaq, Takhar"),
    C("Yangi Qala", "district", "AF1817", "taliban", None, "unknown", "FDD's Long War Journal", "- Yangi Qala, Takhar"),
    C("Darqad", "district", "AF1815", "taliban", None, "unknown", "FDD's Long War Journal", "- Darqad, Takhar"),
    C("Chah Ab", "district", "AF1816", "taliban", None, "unknown", "FDD's Long War Journal", "- Chah Ab, Takhar"),
    C("Argo", "district", "AF1702", "taliban", None, "unknown", "FDD's Long War Journal", "- Argo, Badakhshan"),
    C("Darayim", "district", "AF1707", "taliban", None, "unknown", "FDD's Long War Journal", "- Darayim, Badakhshan"),
    C("Yamgan", "district", "AF1718", "taliban", None, "unknown", "FDD's Long War Journal", "- Yamgan, Badakhshan"),
    C("Yangi Qala", "district", "AF1817", "government", None, "unknown", "Afghan government", "The Afghan government claims to have retaken Yangi Qala"),
    C("Ai Khanum", "point", "AF1812", "taliban", None, "unknown", "Taliban (Twitter)", "seized the Ai Khanum border crossing"),
], [
    N("Tajikistan", None, "foreign"),
], "Undated LWJ-style bullet list. Ai Khanum crossing lies in Dasht-e-Qala district (AF1812). '204 districts' is a count claim.")

ART("c032", None, """Local uprising forces retake Kahmard district in Bamyan
BAMYAN: Local uprising forces backed by Afghan police retook Kahmard district of central Bamyan province yesterday, a week after it fell to the Taliban, provincial officials said on Monday.
The Taliban captured Saighan district, next to Kahmard, on Saturday, said Bamyan police spokesman Mohammad Reza Yousufi.
Kahmard was first captured by the Taliban on July 18, officials said.
Residents said Shibar district was under threat, with Taliban fighters seen on the hills around the district centre.
On July 3, 2021, hundreds of residents of Bamyan city took up arms to support security forces.
Bamyan city, where the Taliban destroyed two giant Buddha statues in 2001, is regarded as one of the safest places in the country.
""", [
    C("Kahmard", "district", "AF1004", "government", None, "unknown", "provincial officials", "Local uprising forces backed by Afghan police retook Kahmard district",
      controller_note="local uprising forces with police: anti-Taliban, coded government"),
    C("Kahmard", "district", "AF1004", "taliban", "2021-07-18", "day", "officials", "Kahmard was first captured by the Taliban on July 18"),
    C("Saighan", "district", "AF1003", "taliban", None, "unknown", "Bamyan police spokesman Mohammad Reza Yousufi", "The Taliban captured Saighan district"),
], [
    N("Shibar", "AF1002", "'under threat'; no control claim"),
    N("Bamyan city", "AF1001", "residents took up arms; historical reference (2001 Buddhas); no control claim"),
], "Undated copy (c. 2021-07-26): 'yesterday' / 'on Saturday' unresolved -> null. Kahmard's fall 'on July 18' has its year from 'July 3, 2021' in the text.")

ART("c033", None, """Taliban take Hairatan port as Mazar-i-Sharif falls; Dostum, Noor flee to Uzbekistan
The Taliban took control of Hairatan, the river port on the Amu Darya across from the Uzbek city of Termez, on Saturday, hours after Mazar-i-Sharif fell, Uzbek officials said.
Uzbekistan's Defence Ministry said 84 Afghan soldiers had crossed the Friendship Bridge into Uzbekistan and had been detained.
The whole of Balkh province is now under Taliban control, a provincial official said on condition of anonymity.
Marshal Abdul Rashid Dostum and former Balkh governor Atta Mohammad Noor fled to Uzbekistan, according to Noor's aides.
The fall of Mazar-i-Sharif, long a bastion of anti-Taliban forces, leaves the government with little more than Kabul and a handful of eastern cities.
""", [
    C("Hairatan", "point", "AF2116", "taliban", None, "unknown", "Uzbek officials", "The Taliban took control of Hairatan"),
    C("Mazar-i-Sharif", "point", "AF2101", "taliban", None, "unknown", "Uzbek officials / reporter", "hours after Mazar-i-Sharif fell"),
    C("Balkh", "province", "AF21", "taliban", None, "unknown", "a provincial official", "The whole of Balkh province is now under Taliban control", scope="all"),
    C("Kabul", "point", "AF0101", "government", None, "unknown", "reporter", "leaves the government with little more than Kabul",
      controller_note="implicit: the government still holds Kabul (cf. c014)"),
], [
    N("Termez", None, "foreign"),
    N("Uzbekistan", None, "foreign destination"),
    N("Balkh", "AF21", "title (former Balkh governor)"),
], "Undated (2021-08-14/15). Hairatan lies in Sharak-e-Hayratan district (AF2116).")

ART("c034", None, """Afghan troops surrender district in Sar-e-Pul to Taliban
SAR-E-PUL, June 30 (Pajhwok): Afghan soldiers and police surrendered Kohistanat district in northern Sar-e-Pul province to the Taliban on Tuesday after mediation by local elders, officials said.
In Sancharak district, the district governor handed over the headquarters to the insurgents early on Wednesday, according to provincial council member Mohammad Nur Rahmani.
Sayyad district remains under the control of security forces, provincial police spokesman Din Mohammad Nazari said.
Sar-e-Pul city is about 60 km south of Sheberghan, the capital of Jawzjan.
""", [
    C("Kohistanat", "district", "AF2203", "taliban", "2021-06-29", "day", "officials", "surrendered Kohistanat district"),
    C("Sancharak", "district", "AF2205", "taliban", "2021-06-30", "day", "provincial council member Mohammad Nur Rahmani", "the district governor handed over the headquarters"),
    C("Sayyad", "district", "AF2202", "government", "2021-06-30", "unknown", "provincial police spokesman Din Mohammad Nazari", "Sayyad district remains under the control of security forces"),
], [
    N("Sar-e-Pul city", "AF2201", "distance reference"),
    N("Sheberghan", "AF2801", "distance reference"),
], "Dateline June 30 (Wednesday, 2021 inferred): 'on Tuesday' -> 2021-06-29.")

ART("c035", None, """Afghan forces recapture Janikhel district in Paktia
Afghan security forces have recaptured Janikhel district of southeastern Paktia province from the Taliban militants, the 203rd Thunder Corps of the Afghan National Army said.
The district had fallen to the Taliban on Wednesday after a two-day attack on the district headquarters, in which at least 14 policemen were killed.
According to a statement by the Thunder Corps, the clearance operation is still continuing in the surrounding villages and dozens of militants have been killed.
The Taliban militants have not commented regarding the report so far.
Janikhel is located around 70 km south of Gardez city, the provincial capital of Paktia.
Khaama Press
""", [
    C("Janikhel", "district", "AF1309", "government", None, "unknown", "203rd Thunder Corps (ANA)", "Afghan security forces have recaptured Janikhel district",
      pcode_note="Jani Khel of Paktya (AF1309), not of Paktika"),
    C("Janikhel", "district", "AF1309", "taliban", None, "unknown", "reporter", "The district had fallen to the Taliban on Wednesday"),
], [
    N("Gardez city", "AF1301", "distance reference"),
], "Undated Khaama-style copy (year unknown). Clearance 'still continuing' does not change the government claim.")

ART("c036", "2021-08-12", """ date 2021-08-12 Taliban capture Ghazni, 150 km from Kabul
The Taliban captured the city of Ghazni on Thursday, the provincial council head said, taking the insurgents within 150 km of the capital Kabul.
Nasir Ahmad Faqiri said the militants had taken the governor's office, the police headquarters and the prison.
Qala-i-Naw, capital of Badghis province, fell to the Taliban yesterday, officials said.
Tuesday's capture of Farah and Pul-i-Khumri had already shaken the government.
The Taliban also entered Qalat, the capital of Zabul province, and heavy clashes were under way there, a Zabul lawmaker said.
In the west, the Taliban have attacked Herat city from several sides and fighting was continuing near the central prison, officials said.
Ghazni's governor and his deputy were later detained by government forces in Maidan Wardak province.
""", [
    C("Ghazni", "point", "AF1101", "taliban", "2021-08-12", "day", "provincial council head Nasir Ahmad Faqiri", "The Taliban captured the city of Ghazni on Thursday"),
    C("Qala-i-Naw", "point", "AF3101", "taliban", "2021-08-11", "day", "officials", "fell to the Taliban yesterday"),
    C("Farah", "point", "AF3301", "taliban", "2021-08-10", "day", "reporter", "Tuesday's capture of Farah and Pul-i-Khumri"),
    C("Pul-i-Khumri", "point", "AF0901", "taliban", "2021-08-10", "day", "reporter", "Tuesday's capture of Farah and Pul-i-Khumri"),
    C("Qalat", "point", "AF2601", "contested", "2021-08-12", "day", "a Zabul lawmaker", "The Taliban also entered Qalat"),
    C("Herat city", "point", "AF3201", "contested", "2021-08-12", "day", "officials", "the Taliban have attacked Herat city from several sides"),
], [
    N("Kabul", "AF0101", "distance reference"),
    N("Maidan Wardak", "AF04", "place of detention (incident)"),
], "'yesterday' relative to Thursday 2021-08-12 -> 2021-08-11; \"Tuesday's capture\" -> 2021-08-10.")

ART("c037", None, """Bala Morghab, Moqor districts of Badghis fall to Taliban
QALA-I-NAW: Bala Morghab and Moqor districts of western Badghis province fell to Taliban militants after the security forces retreated, local officials said.
Badghis police spokesman Nader Saeedi said the Jawand district had also collapsed late last night.
"Only Ab Kamari district and the provincial center are with the government," said Abdul Aziz Baig, head of the Badghis provincial council.
He urged the central government to send reinforcements before the Taliban reached Qala-i-Naw city.
""", [
    C("Bala Morghab", "district", "AF3105", "taliban", None, "unknown", "local officials", "Bala Morghab and Moqor districts of western Badghis province fell"),
    C("Moqor", "district", "AF3103", "taliban", None, "unknown", "local officials", "Bala Morghab and Moqor districts of western Badghis province fell",
      pcode_note="Muqur of Badghis (AF3103), not Muqur of Ghazni (AF1115)"),
    C("Jawand", "district", "AF3106", "taliban", None, "unknown", "Badghis police spokesman", "the Jawand district had also collapsed"),
    C("Ab Kamari", "district", "AF3102", "government", None, "unknown", "Abdul Aziz Baig, head of the Badghis provincial council",
      "Only Ab Kamari district and the provincial center are with the government"),
    C("provincial center", "point", "AF3101", "government", None, "unknown", "Abdul Aziz Baig, head of the Badghis provincial council",
      "Only Ab Kamari district and the provincial center are with the government", pcode_note="the provincial center = Qala-i-Naw city"),
], [
    N("QALA-I-NAW", "AF3101", "dateline; 'before the Taliban reached Qala-i-Naw city' is no claim"),
], "Undated local copy with odd transliterations (Bala Morghab = Bala Murghab, Moqor = Muqur). 'the provincial center' (Qala-i-Naw) is held by the government.")

ART("c038", None, """Taliban seize Kajaki dam as battle for Afghanistan's infrastructure intensifies
The Taliban took control of the Kajaki dam in northern Helmand province on Monday, a provincial official said, giving the insurgents control of the power supply to much of southern Afghanistan.
Government forces guarding the dam withdrew after the Taliban overran nearby checkpoints, the official said.
In Herat's Chisht-e-Sharif district, the Salma dam, built with Indian funding, came under heavy Taliban attack on Tuesday night, but security forces were holding their positions, the Herat governor's office said.
The Kamal Khan dam in Nimroz remains under the control of government forces, Nimroz governor's spokesman Jan Agha Sharifi said.
Iran has long complained that the Kamal Khan dam reduces the flow of the Helmand river to its territory.
""", [
    C("Kajaki dam", "point", "AF3010", "taliban", None, "unknown", "a provincial official", "The Taliban took control of the Kajaki dam"),
    C("Salma dam", "point", "AF3216", "contested", None, "unknown", "Herat governor's office", "the Salma dam, built with Indian funding, came under heavy Taliban attack"),
    C("Kamal Khan dam", "point", "AF3404", "government", None, "unknown", "Nimroz governor's spokesman Jan Agha Sharifi", "The Kamal Khan dam in Nimroz remains under the control"),
], [
    N("Iran", None, "foreign"),
    N("Helmand", "AF30", "river name / province context"),
], "Undated copy (c. 2021-08-04): weekday references unresolved. Salma dam: attacked but held -> contested. Kajaki dam lies in Kajaki (AF3010), Salma dam in Chisht-e-Sharif (AF3216), Kamal Khan dam in Char Burjak (AF3404).")

ART("c039", None, """KHOST, Afghanistan, June 10 (Reuters) - Taliban fighters took over Spera district in southeastern Khost province on Thursday, the first district in the province to fall since foreign troops began their final withdrawal, a provincial official said.
Heavy clashes were also reported in Musa Khel district, north of the provincial capital.
Khost city remains firmly under government control, provincial police spokesman Adil Haider said.
The Ghulam Khan crossing with Pakistan in Gurbuz district has been closed since last week.
Camp Chapman, a former CIA base near Khost city, is used by an Afghan special forces unit.
""", [
    C("Spera", "district", "AF1411", "taliban", "2021-06-10", "day", "a provincial official", "Taliban fighters took over Spera district", year_inferred=True),
    C("Musa Khel", "district", "AF1405", "contested", "2021-06-10", "unknown", "reporter", "Heavy clashes were also reported in Musa Khel district", year_inferred=True),
    C("Khost city", "point", "AF1401", "government", "2021-06-10", "unknown", "provincial police spokesman Adil Haider", "Khost city remains firmly under government control",
      year_inferred=True, pcode_note="Khost city lies in Matun district (AF1401)"),
], [
    N("Ghulam Khan", "AF1403", "crossing closed; no control claim"),
    N("Camp Chapman", "AF1401", "base use; no control claim"),
    N("Pakistan", None, "foreign"),
], "Dateline June 10 (Thursday, 2021 inferred): 'on Thursday' -> 2021-06-10.")

ART("c040", "2021-08-16", """ date 2021-08-16 Taliban seize Kabul as Ghani flees; Panjshir holds out
Taliban fighters entered Kabul on Sunday and took control of the presidential palace hours after President Ashraf Ghani fled the country, ending two decades of Western-backed government.
"The Islamic Emirate's forces have taken control of all of Kabul," the group's spokesman said in a statement late on Sunday.
Earlier on Sunday, the Taliban took over Bagram air base, freeing thousands of prisoners from the jail there.
Maidan Shahr, the capital of Maidan Wardak province, and Mehtarlam, the capital of Laghman, also fell on Sunday.
Panjshir is now the only province not under Taliban control, with forces loyal to Ahmad Massoud vowing to resist.
Thousands of people crowded Kabul airport on Monday trying to leave the country.
Ghani, in a Facebook post, said he had left to avoid bloodshed; his aides said he had flown to Tajikistan.
""", [
    C("Kabul", "point", "AF0101", "taliban", "2021-08-15", "day", "reporter; Taliban spokesman", "Taliban fighters entered Kabul on Sunday and took control of the presidential palace"),
    C("Bagram air base", "point", "AF0302", "taliban", "2021-08-15", "day", "reporter", "the Taliban took over Bagram air base"),
    C("Maidan Shahr", "point", "AF0401", "taliban", "2021-08-15", "day", "reporter", "also fell on Sunday"),
    C("Mehtarlam", "point", "AF0701", "taliban", "2021-08-15", "day", "reporter", "also fell on Sunday"),
    C("Panjshir", "province", "AF08", "government", "2021-08-16", "unknown", "reporter", "Panjshir is now the only province not under Taliban control", scope="all",
      controller_note="held by anti-Taliban forces; coded non-Taliban = government"),
], [
    N("Tajikistan", None, "foreign destination"),
    N("Kabul airport", "AF0101", "crowds trying to leave; no control claim"),
], "'on Sunday' relative to Monday 2021-08-16 -> 2021-08-15. Kabul airport crowds: no control claim (same key as Kabul anyway). Panjshir: only province not under Taliban control -> coded government (non-Taliban) scope all.")
