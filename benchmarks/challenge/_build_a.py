"""Articles c001-c010 of the challenge set (project-written text)."""
from _lib import ART, C, N

ART("c001", "2021-06-24", """ date 2021-06-24 Taliban overrun district west of Mazar-i-Sharif as Afghan troops pull back
MAZAR-I-SHARIF, Afghanistan (AP) — Taliban fighters overran a district on the western edge of northern Afghanistan's largest city early on Wednesday, forcing dozens of soldiers to fall back toward the provincial capital, officials said.
The fall of Chimtal district, about 25 kilometers (15 miles) west of Mazar-i-Sharif, came after two days of fighting, said Munir Farhad, a spokesman for the Balkh provincial governor.
Farhad said government forces had made a "tactical withdrawal" from the district headquarters and were regrouping.
Separately, the insurgents seized Sholgara district in the south of the province late Tuesday, according to provincial council member Sayed Nasir Hashemi, who said the district police chief had surrendered with about 40 of his men.
Taliban spokesman Zabihullah Mujahid said on Twitter that both districts were "fully under the control of the mujahideen."
The Defense Ministry in Kabul said commando units had been sent to Balkh and that Chimtal would be retaken "within days."
The Taliban now claim to control more than 90 of Afghanistan's roughly 400 districts, a figure that cannot be independently verified and that the government disputes.
Mazar-i-Sharif, home to the famed Blue Mosque, has so far been spared heavy fighting.
Associated Press writer Nadia Karimi in Islamabad contributed to this report.
""", [
    C("Chimtal", "district", "AF2108", "taliban", "2021-06-23", "day", "Munir Farhad, Balkh governor's spokesman; Taliban spokesman Zabihullah Mujahid",
      "The fall of Chimtal district", aliases=["Chemtal"]),
    C("Sholgara", "district", "AF2107", "taliban", "2021-06-22", "day", "provincial council member Sayed Nasir Hashemi; Taliban spokesman Zabihullah Mujahid",
      "seized Sholgara district", aliases=["Sholgareh"]),
], [
    N("Mazar-i-Sharif", "AF2101", "distance reference; 'spared heavy fighting' is no control claim"),
    N("Kabul", "AF0101", "seat of the Defense Ministry (title/location)"),
    N("Balkh", "AF21", "commandos sent to the province; no control statement"),
], "'early on Wednesday' relative to Thursday 2021-06-24 -> 2021-06-23; 'late Tuesday' -> 2021-06-22. 'would be retaken within days' is a future intent, not a claim. '90 of roughly 400 districts' is a count claim.")

ART("c002", None, """Over 1,000 Afghan troops flee into Tajikistan as Taliban sweep Badakhshan
KABUL, July 5 (Reuters) - More than 1,000 Afghan soldiers fled across the border into Tajikistan overnight after Taliban fighters overran a string of districts in northeastern Badakhshan province, Tajik authorities said on Monday.
Tajikistan's State Committee for National Security said the soldiers had crossed to save their lives and were being given food and shelter.
The Taliban now control 26 of Badakhshan's 28 districts, provincial council member Mohammad Zakir Jawad told Reuters by telephone, adding that only the provincial capital Faizabad and Ishkashim district remained in government hands.
Among the districts that fell on Sunday were Khash, Kishim and Tishkan, he said, with government forces retreating without a fight in most of them.
"We asked Kabul for help for weeks, but nobody came," Jawad said.
A spokesman for the National Security Council in Kabul said reinforcements were on their way to Badakhshan and that the lost areas would be retaken.
The Taliban have seized about a quarter of Afghanistan's districts since the United States began pulling out its last troops in May.
(Reporting by Hamid Shalizi and Orooj Rahman in Kabul; Editing by Peter Grant)
""", [
    C("Badakhshan", "province", "AF17", "taliban", "2021-07-05", "unknown", "provincial council member Mohammad Zakir Jawad (Reuters)",
      "The Taliban now control 26 of Badakhshan's 28 districts", scope="most", year_inferred=True),
    C("Faizabad", "point", "AF1701", "government", "2021-07-05", "unknown", "provincial council member Mohammad Zakir Jawad (Reuters)",
      "only the provincial capital Faizabad", year_inferred=True),
    C("Ishkashim", "district", "AF1723", "government", "2021-07-05", "unknown", "provincial council member Mohammad Zakir Jawad (Reuters)",
      "Ishkashim district remained in government hands", year_inferred=True),
    C("Khash", "district", "AF1705", "taliban", "2021-07-04", "day", "provincial council member Mohammad Zakir Jawad",
      "Among the districts that fell on Sunday", year_inferred=True),
    C("Kishim", "district", "AF1715", "taliban", "2021-07-04", "day", "provincial council member Mohammad Zakir Jawad",
      "Among the districts that fell on Sunday", year_inferred=True, aliases=["Keshem"]),
    C("Tishkan", "district", "AF1711", "taliban", "2021-07-04", "day", "provincial council member Mohammad Zakir Jawad",
      "Among the districts that fell on Sunday", year_inferred=True, aliases=["Teshkan"]),
], [
    N("Tajikistan", None, "destination of fleeing soldiers (foreign)"),
    N("Kabul", "AF0101", "dateline / seat of the National Security Council"),
], "Dateline 'July 5' (Monday, 2021 inferred): 'on Sunday' -> 2021-07-04. 26 of 28 districts -> province scope most. 'would be retaken' is intent. 'a quarter of districts' is a count claim.")

ART("c003", "2021-07-09", """ date 2021-07-09 Taliban Take Islam Qala Port, Officials Confirm
The Taliban on Thursday night captured Islam Qala, Afghanistan's biggest trade port with Iran, in western Herat province, local officials confirmed on Friday.
Herat provincial council member Ghulam Habib Rahimi said that security forces and customs staff left the port and crossed into Iran after a brief clash.
According to Rahimi, the Taliban also seized Kohsan district, where the port is located, on the same night.
Torghundi port on the border with Turkmenistan also fell to the group early on Friday, local sources said.
But the Ministry of Interior said that Islam Qala was still under the control of Afghan forces and that clearance operations were under way in the area.
"The enemy's propaganda is baseless; our forces are in Islam Qala," said Mirwais Stanekzai, a spokesman for the ministry.
The port, about 120 kilometers west of Herat city, is one of the main sources of customs revenue for the government.
Iranian media reported that dozens of Afghan soldiers and civilians had entered Dogharoun on the Iranian side.
READ MORE: Taliban Claim 85% of Afghanistan Is Under Their Control
Taliban spokesman Zabihullah Mujahid said in a tweet that trade through the port would continue as usual.
""", [
    C("Islam Qala", "point", "AF3213", "taliban", "2021-07-08", "day", "local officials; Herat provincial council member Ghulam Habib Rahimi",
      "The Taliban on Thursday night captured Islam Qala"),
    C("Kohsan", "district", "AF3213", "taliban", "2021-07-08", "day", "Herat provincial council member Ghulam Habib Rahimi",
      "the Taliban also seized Kohsan district"),
    C("Torghundi", "point", "AF3207", "taliban", "2021-07-09", "day", "local sources",
      "Torghundi port on the border with Turkmenistan also fell"),
    C("Islam Qala", "point", "AF3213", "government", "2021-07-09", "unknown", "Ministry of Interior (spokesman Mirwais Stanekzai)",
      "Islam Qala was still under the control of Afghan forces"),
], [
    N("Herat", "AF32", "title (Herat provincial council member)"),
    N("Herat city", "AF3201", "distance reference (120 km west of Herat city)"),
    N("Iran", None, "destination of fleeing forces (foreign)"),
    N("Dogharoun", None, "foreign place (Iranian side)"),
], "Thursday night relative to Friday 2021-07-09 -> 2021-07-08. Denial by MoI kept as its own government claim. '85%' READ MORE line is a count claim.")

ART("c004", None, """Ghazni: Taliban seize Jaghatu, Rashidan districts
GHAZNI CITY (Pajhwok): Taliban militants have captured Jaghato and Rashidan districts of southeastern Ghazni province after security forces retreated, officials said on Sunday.
Provincial council member Hasan Reza Yousufi told Pajhwok Afghan News that security forces had left the headquarters of Jaghato district without resistance on Saturday night after tribal elders mediated between the two sides.
In Rashidan, he said, the fighting continued for several hours before the district chief and the police surrendered to the Taliban.
Taliban spokesman Zabihullah Mujahid confirmed in a message that both districts had come under the control of the Islamic Emirate.
Meanwhile, heavy clashes are continuing in Ghazni's Andar district, where the insurgents have besieged the district headquarters for the past four days, residents said.
Ghazni governor's spokesman Wahidullah Jumazada could not be reached for comment.
It is worth mentioning that the Taliban have captured several districts in Ghazni over the past month.
(Pajhwok)
Copyright © Pajhwok Afghan News. All rights reserved.
""", [
    C("Jaghato", "district", "AF1106", "taliban", None, "unknown", "officials; provincial council member Hasan Reza Yousufi; Taliban spokesman",
      "Taliban militants have captured Jaghato and Rashidan districts", pcode_note="Jaghatu of Ghazni (AF1106), not Jaghatu of Maidan Wardak (AF0408)"),
    C("Rashidan", "district", "AF1109", "taliban", None, "unknown", "officials; provincial council member Hasan Reza Yousufi; Taliban spokesman",
      "Taliban militants have captured Jaghato and Rashidan districts"),
    C("Andar", "district", "AF1107", "contested", None, "unknown", "residents",
      "heavy clashes are continuing in Ghazni's Andar district"),
], [
    N("GHAZNI CITY", "AF1101", "dateline"),
], "Undated Pajhwok-style copy: 'on Sunday' / 'Saturday night' cannot be resolved -> null. 'several districts in Ghazni' unnamed.")

ART("c005", "2021-08-13", """ date 2021-08-13 Taliban capture Kandahar, Afghanistan's second city, a day after Herat falls
KABUL (Reuters) - Taliban fighters captured Kandahar city early on Friday, a senior government official told Reuters, a day after the insurgents took Herat in the west of the country.
"Kandahar is completely controlled by the mujahideen," the Taliban said in a statement posted on social media.
The official said the airport remained in the hands of government forces and that some officials had been flown out by helicopter.
Lashkar Gah, capital of neighbouring Helmand province, was also taken on Friday after government forces agreed a local ceasefire to evacuate the governor's compound, a Helmand provincial council member said.
Ghazni, 150 km southwest of Kabul, fell on Thursday.
Earlier this week the Taliban seized Pul-i-Khumri, the capital of Baghlan province, and Faizabad, the capital of Badakhshan.
The insurgents now hold 14 of Afghanistan's 34 provincial capitals.
The United States said it would send about 3,000 troops to Kabul to help evacuate embassy staff.
""", [
    C("Kandahar city", "point", "AF2701", "taliban", "2021-08-13", "day", "senior government official (Reuters); Taliban statement",
      "Taliban fighters captured Kandahar city early on Friday"),
    C("airport", "point", "AF2701", "government", "2021-08-13", "day", "senior government official (Reuters)",
      "The official said the airport remained in the hands of government forces"),
    C("Herat", "point", "AF3201", "taliban", "2021-08-12", "day", "reporter",
      "a day after the insurgents took Herat"),
    C("Lashkar Gah", "point", "AF3001", "taliban", "2021-08-13", "day", "Helmand provincial council member",
      "Lashkar Gah, capital of neighbouring Helmand province, was also taken on Friday"),
    C("Ghazni", "point", "AF1101", "taliban", "2021-08-12", "day", "reporter",
      "fell on Thursday"),
    C("Pul-i-Khumri", "point", "AF0901", "taliban", "2021-08-09", "week", "reporter",
      "Earlier this week the Taliban seized Pul-i-Khumri", date_note="'earlier this week' -> week starting Monday 2021-08-09"),
    C("Faizabad", "point", "AF1701", "taliban", "2021-08-09", "week", "reporter",
      "Earlier this week the Taliban seized Pul-i-Khumri", date_note="'earlier this week' -> week starting Monday 2021-08-09"),
], [
    N("Kabul", "AF0101", "dateline, distance reference and destination of US troops"),
], "Kandahar airport lies inside Kandahar district in the 2018 boundaries. '14 of 34 provincial capitals' is a count claim.")

ART("c006", None, """Taliban seize 10 districts in 48 hours as northern offensive accelerates
By Bill Rahmani and Thomas Joscelyn | FDD's Long War Journal
The Taliban has overrun 10 more districts in the past two days as its offensive in northern and western Afghanistan accelerates, according to data compiled by FDD's Long War Journal.
The districts are: Bangi and Namak Ab in Takhar; Dawlatabad, Kohistan and Khwaja Sabzposh in Faryab; Darzab in Jawzjan; Ghormach in Badghis; Tolak in Ghor; Kang in Nimroz; and Mizan in Zabul.
The Afghan government claimed on social media that its forces had retaken Ghormach, but LWJ could not independently verify the claim.
Additionally, the Taliban is contesting Sar-e Pul city and Qala-e-Naw, the capitals of Sar-e Pul and Badghis provinces.
LWJ now assesses that the Taliban controls 157 districts, the government controls 88, and 162 are contested.
Related: Taliban closes in on Kandahar city
The Taliban's rapid gains in the north, historically an anti-Taliban stronghold, are particularly troubling for the Afghan government.
Bill Rahmani is a Senior Fellow at the Foundation for Defense of Democracies.
""", [
    C("Bangi", "district", "AF1804", "taliban", None, "unknown", "FDD's Long War Journal", "The districts are: Bangi"),
    C("Namak Ab", "district", "AF1806", "taliban", None, "unknown", "FDD's Long War Journal", "The districts are: Bangi"),
    C("Dawlatabad", "district", "AF2909", "taliban", None, "unknown", "FDD's Long War Journal", "The districts are: Bangi",
      pcode_note="Dawlat Abad of Faryab (AF2909), not of Balkh (AF2109)"),
    C("Kohistan", "district", "AF2910", "taliban", None, "unknown", "FDD's Long War Journal", "The districts are: Bangi",
      pcode_note="Kohistan of Faryab (AF2910), not of Badakhshan (AF1708)"),
    C("Khwaja Sabzposh", "district", "AF2903", "taliban", None, "unknown", "FDD's Long War Journal", "The districts are: Bangi"),
    C("Darzab", "district", "AF2811", "taliban", None, "unknown", "FDD's Long War Journal", "The districts are: Bangi"),
    C("Ghormach", "district", "AF3107", "taliban", None, "unknown", "FDD's Long War Journal", "The districts are: Bangi"),
    C("Tolak", "district", "AF2309", "taliban", None, "unknown", "FDD's Long War Journal", "The districts are: Bangi"),
    C("Kang", "district", "AF3402", "taliban", None, "unknown", "FDD's Long War Journal", "The districts are: Bangi"),
    C("Mizan", "district", "AF2604", "taliban", None, "unknown", "FDD's Long War Journal", "The districts are: Bangi"),
    C("Ghormach", "district", "AF3107", "government", None, "unknown", "Afghan government (social media)",
      "The Afghan government claimed on social media that its forces had retaken Ghormach"),
    C("Sar-e Pul", "point", "AF2201", "contested", None, "unknown", "FDD's Long War Journal",
      "the Taliban is contesting Sar-e Pul city and Qala-e-Naw"),
    C("Qala-e-Naw", "point", "AF3101", "contested", None, "unknown", "FDD's Long War Journal",
      "the Taliban is contesting Sar-e Pul city and Qala-e-Naw"),
], [
    N("Kandahar", "AF2701", "related-story headline: 'closes in on' is not a control claim"),
], "Undated LWJ-style list. District counts (157/88/162) are count claims.")

ART("c007", "2021-06-29", """ date 2021-06-29 Afghan forces retake Dawlat Abad district in Balkh
Afghan security forces on Tuesday regained control of Dawlat Abad district of northern Balkh province, the Ministry of Defense said.
The district had fallen to the Taliban on 22 June after days of clashes.
"The ANDSF, with the support of the air force, cleared the district centre and the surrounding villages; 27 Taliban were killed," the ministry said in a statement.
In a separate statement, the ministry said Afghan commandos had pushed the Taliban out of Alingar district of eastern Laghman province yesterday.
The Taliban captured Alingar last week, shortly after government forces withdrew from several checkposts around the district centre.
The Taliban have not commented on the claims so far.
Meanwhile, a roadside bomb in Jalalabad city killed two civilians on Monday evening, police said.
Khaama Press is not responsible for the content of external links.
""", [
    C("Dawlat Abad", "district", "AF2109", "government", "2021-06-29", "day", "Ministry of Defense",
      "regained control of Dawlat Abad district", pcode_note="Dawlat Abad of Balkh (AF2109), not of Faryab"),
    C("Dawlat Abad", "district", "AF2109", "taliban", "2021-06-22", "day", "Ministry of Defense / reporter",
      "The district had fallen to the Taliban on 22 June"),
    C("Alingar", "district", "AF0704", "government", "2021-06-28", "day", "Ministry of Defense",
      "Afghan commandos had pushed the Taliban out of Alingar district"),
    C("Alingar", "district", "AF0704", "taliban", "2021-06-21", "week", "reporter",
      "The Taliban captured Alingar last week", date_note="'last week' -> week starting Monday 2021-06-21"),
], [
    N("Jalalabad", "AF0601", "incident (roadside bomb), no control claim"),
], "Khaama style. 'yesterday' relative to Tuesday 2021-06-29 -> 2021-06-28.")

ART("c008", None, """Taliban say they seized Aqina border port; Kabul says forces still in control
Kabul (AFP) - The Taliban said they had captured the Aqina border port on Afghanistan's frontier with Turkmenistan, the latest in a series of crossings claimed by the insurgents, but officials insisted government forces still held it.
"The Aqina port in Faryab has been cleansed of the enemy and is now under the full control of the mujahideen," Taliban spokesman Zabihullah Mujahid said in a statement.
A spokesman for the Faryab governor, Karim Yuresh, denied the claim, saying the port "is under the control of our forces" and that fighting had taken place only on the road leading to it.
Residents said the Taliban had earlier taken Qaramqol district, which lies between the port and the town of Andkhoy.
Maimana, the provincial capital, has been surrounded by the insurgents for weeks.
Turkmenistan has reinforced its side of the border, according to local media.
--AFP
""", [
    C("Aqina", "point", "AF2914", "taliban", None, "unknown", "Taliban spokesman Zabihullah Mujahid",
      "The Aqina port in Faryab has been cleansed of the enemy"),
    C("Aqina", "point", "AF2914", "government", None, "unknown", "Karim Yuresh, spokesman for the Faryab governor",
      "denied the claim, saying the port"),
    C("Qaramqol", "district", "AF2911", "taliban", None, "unknown", "residents",
      "the Taliban had earlier taken Qaramqol district"),
    C("Maimana", "point", "AF2901", "contested", None, "unknown", "reporter",
      "Maimana, the provincial capital, has been surrounded"),
], [
    N("Andkhoy", "AF2913", "location reference"),
    N("Turkmenistan", None, "foreign"),
    N("Kabul", "AF0101", "dateline"),
], "Aqina lies in Khan-e-Char Bagh district (AF2914) by point-in-polygon. Claim and denial kept with their own attributions.")

ART("c009", "2021-08-07", """ date 2021-08-07 Taliban capture Sheberghan, second provincial capital in two days
The Taliban captured Sheberghan, the capital of northern Jowzjan province, on Saturday, a day after they took Zaranj in the southwest, officials said, in a blow to the government and to the veteran strongman Abdul Rashid Dostum, whose home town it is.
Deputy governor Qader Malia said government forces and officials had retreated to the airport outside the city, where they were holding out.
"The enemy entered the city from several directions; we asked for air support but it came too late," Malia said.
Taliban spokesman Zabihullah Mujahid said all government buildings in the city were in the hands of the group's fighters.
Dostum returned to Afghanistan from Turkey last week after receiving medical treatment.
Mazar-i-Sharif, the biggest city in the north, lies about 130 km to the east.
Photo: Residents flee Sheberghan on the road to Mazar-i-Sharif, August 6, 2021. REUTERS
""", [
    C("Sheberghan", "point", "AF2801", "taliban", "2021-08-07", "day", "officials; deputy governor Qader Malia; Taliban spokesman",
      "The Taliban captured Sheberghan"),
    C("airport", "point", "AF2801", "government", "2021-08-07", "day", "deputy governor Qader Malia",
      "retreated to the airport outside the city, where they were holding out",
      pcode_note="Sheberghan airport lies in Shiberghan district"),
    C("Zaranj", "point", "AF3401", "taliban", "2021-08-06", "day", "officials / reporter",
      "a day after they took Zaranj"),
], [
    N("Turkey", None, "foreign"),
    N("Mazar-i-Sharif", "AF2101", "distance reference and road destination in a photo caption"),
], "'on Saturday' = published day 2021-08-07; 'a day after' -> 2021-08-06.")

ART("c010", None, """Analysis: Why the fall of Kunduz matters more this time
By Sarah Whitcombe, BBC News
Kunduz has fallen before. In 2015 the Taliban briefly captured Kunduz city, holding it for about two weeks before Afghan troops backed by US air power pushed them out.
This time is different. When the city fell on Sunday, the insurgents had already taken every district around it, including Imam Sahib, Khanabad and Chahar Dara.
The army's 217th Pamir Corps headquarters near the airport surrendered on Wednesday, handing the Taliban dozens of vehicles and drones.
The whole of Kunduz province is now under Taliban control, local officials say.
In the 1990s, Kunduz was the last northern stronghold of the Taliban before their regime collapsed.
The border with Tajikistan, about 50 km north of the city, is now also in Taliban hands.
Taliban leaders in Doha have said they will not take cities by force - a promise that now rings hollow.
""", [
    C("Kunduz", "point", "AF1901", "taliban", None, "unknown", "reporter",
      "When the city fell on Sunday"),
    C("Kunduz city", "point", "AF1901", "taliban", None, "unknown", "reporter",
      "In 2015 the Taliban briefly captured Kunduz city", historical=True),
    C("Kunduz city", "point", "AF1901", "government", None, "unknown", "reporter",
      "pushed them out", historical=True),
    C("Imam Sahib", "district", "AF1905", "taliban", None, "unknown", "reporter", "including Imam Sahib, Khanabad and Chahar Dara"),
    C("Khanabad", "district", "AF1904", "taliban", None, "unknown", "reporter", "including Imam Sahib, Khanabad and Chahar Dara"),
    C("Chahar Dara", "district", "AF1902", "taliban", None, "unknown", "reporter", "including Imam Sahib, Khanabad and Chahar Dara"),
    C("Kunduz", "province", "AF19", "taliban", None, "unknown", "local officials",
      "The whole of Kunduz province is now under Taliban control", scope="all"),
], [
    N("Tajikistan", None, "foreign; border distance reference"),
    N("Doha", None, "foreign"),
], "Undated analysis (Aug 2021). The current fall of the city ('fell on Sunday', 'the city fell') shares the key (AF1901, taliban) with the 2015 historical claim, so the historical 2015 capture is listed first only for completeness; the current fall is the same key. The 217th Corps HQ near the airport (Kunduz district) surrendered -> also (AF1901, taliban). 1990s stronghold is pre-2001 and not annotated. The unnamed border crossing is not annotated.")
