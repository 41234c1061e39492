"""Articles c011-c020 of the challenge set (project-written text)."""
from _lib import ART, C, N

ART("c011", None, """Clashes intensify in Kandahar's Arghandab; Taliban overrun Zabul district

Fighting has intensified in Arghandab district of Kandahar province, where Taliban fighters entered several villages on Wednesday, local officials told Ariana News.

Arghandab district governor Shah Mahmood said that security forces were resisting and that the district centre had not fallen.

In neighbouring Zabul province, the Taliban overran the Arghandab district centre early on Thursday after security forces withdrew to Qalat, the provincial capital, a Zabul provincial council member said.

The group also seized the Dahla Dam, the second-largest dam in the country, in Shah Wali Kot district last week, cutting water supplies to parts of Kandahar.

Kandahar governor Rohullah Khanzada said on Thursday that Kandahar city remained fully under government control and that there was no reason for residents to leave.

Traffic on the Kabul-Kandahar highway has been disrupted for days.

Ariana News
""", [
    C("Arghandab", "district", "AF2702", "contested", None, "unknown", "local officials (Ariana News); district governor Shah Mahmood",
      "Fighting has intensified in Arghandab district of Kandahar province"),
    C("Arghandab", "district", "AF2605", "taliban", None, "unknown", "Zabul provincial council member",
      "the Taliban overran the Arghandab district centre early on Thursday", pcode_note="Arghandab of Zabul (AF2605)"),
    C("Dahla Dam", "point", "AF2706", "taliban", None, "week", "reporter",
      "The group also seized the Dahla Dam", date_note="'last week' but no date line"),
    C("Kandahar city", "point", "AF2701", "government", None, "unknown", "Kandahar governor Rohullah Khanzada",
      "Kandahar city remained fully under government control"),
], [
    N("Qalat", "AF2601", "destination of withdrawing forces"),
    N("Kabul", "AF0101", "road name (Kabul-Kandahar highway)"),
], "Undated Ariana-style copy (c. 2021-07-22): weekday references unresolved. Two Arghandabs: Kandahar (AF2702, entered but not fallen -> contested) and Zabul (AF2605, overrun).")

ART("c012", None, """Talibs capture Dahana-i-Ghori, Burka districts of Baghlan
Share this: Facebook | Twitter | WhatsApp
PUL-I-KHUMRI: Taliban militants captured the Dahana-i-Ghori and Burka districts of northern Baghlan province after fierce fightings, the security sources informed.
According to the sources, the security forces and the district officials were relocated to Pul-i-Khumri city after the collapse of the two districts.
Meanwhile, Baghlan-i-Jadid district is also besieged by the Talibs from three sides and the residents are fleeing toward the provincial center.
Provincial police spokesman Jawed Basharat however said that Pul-i-Khumri city is under full control of the government and the security forces are ready to defend it.
The Khost-wa-Firing district of Baghlan had also fallen to the Taliban two weeks ago.
Taliban spokesman Zabihullah Mujahid in a tweet claimed that large quantity of weapons and ammunitions were seized by their fighters in Burka.
Related Posts
Tags: Baghlan, Taliban, security
""", [
    C("Dahana-i-Ghori", "district", "AF0902", "taliban", None, "unknown", "security sources",
      "Taliban militants captured the Dahana-i-Ghori and Burka districts"),
    C("Burka", "district", "AF0910", "taliban", None, "unknown", "security sources",
      "Taliban militants captured the Dahana-i-Ghori and Burka districts"),
    C("Baghlan-i-Jadid", "district", "AF0905", "contested", None, "unknown", "reporter",
      "Baghlan-i-Jadid district is also besieged"),
    C("Pul-i-Khumri", "point", "AF0901", "government", None, "unknown", "provincial police spokesman Jawed Basharat",
      "Pul-i-Khumri city is under full control of the government"),
    C("Khost-wa-Firing", "district", "AF0913", "taliban", None, "unknown", "reporter",
      "The Khost-wa-Firing district of Baghlan had also fallen", pcode_note="Khost Wa Fereng of Baghlan, not Khost province"),
], [
    N("PUL-I-KHUMRI", "AF0901", "dateline"),
], "Undated local-outlet copy; odd transliterations (Dahana-i-Ghori = Dahana-e-Ghori, Baghlan-i-Jadid = Baghlan-e-Jadid, Khost-wa-Firing = Khost Wa Fereng). Tags line ignored.")

ART("c013", "2021-05-17", """ date 2021-05-17 Taliban capture Laghman district after week-long siege
MEHTARLAM, Afghanistan -- The Taliban captured Dawlat Shah district in eastern Laghman province on Sunday after besieging it for more than a week, local officials said, the latest in a string of gains since the United States formally began withdrawing its troops on May 1.
Laghman provincial council chief Gul Ahmad Kamin said the district governor and some 30 police officers fled into the mountains as the district centre was overrun.
The Taliban's spokesman Zabihullah Mujahid said on Twitter that the group's fighters had seized the district headquarters, the police headquarters and all checkpoints.
Fighting was also reported on Monday in Qarghayi district, near Mehtarlam, the provincial capital.
The provincial governor's office said the Taliban attack on Qarghayi had been repelled and that the district was "completely secure".
U.S. forces are expected to hand over Bagram Airfield to Afghan forces in the coming weeks.
""", [
    C("Dawlat Shah", "district", "AF0705", "taliban", "2021-05-16", "day", "local officials; Taliban spokesman Zabihullah Mujahid",
      "The Taliban captured Dawlat Shah district"),
    C("Qarghayi", "district", "AF0702", "contested", "2021-05-17", "day", "reporter",
      "Fighting was also reported on Monday in Qarghayi district"),
    C("Qarghayi", "district", "AF0702", "government", "2021-05-17", "unknown", "provincial governor's office",
      "the Taliban attack on Qarghayi had been repelled"),
], [
    N("MEHTARLAM", "AF0701", "dateline; location reference 'near Mehtarlam'"),
    N("Bagram Airfield", "AF0302", "future handover; no control claim"),
], "'on Sunday' relative to Monday 2021-05-17 -> 2021-05-16.")

ART("c014", "2021-08-15", """ date 2021-08-15 Taliban take Jalalabad without a fight, cutting Kabul's road to Pakistan
The Taliban took control of Jalalabad, the capital of eastern Nangarhar province, early on Sunday without firing a shot after the governor surrendered, Afghan officials said.
"There are no clashes taking place in Jalalabad at the moment because the governor has surrendered to the Taliban," an Afghan official based in the city said.
The group also took the Torkham border crossing with Pakistan, a Pakistani official at the crossing said, adding that Pakistan had halted all traffic.
On Saturday the insurgents captured Mazar-i-Sharif, the main city in the north, and Sharana, the capital of Paktika province.
Asadabad, the capital of Kunar, was handed over to the Taliban by local elders on Saturday, a tribal elder said.
Kabul is now the only major city still under government control.
Pakistan's army said it was monitoring the situation in the Khyber district on its side of the border.
""", [
    C("Jalalabad", "point", "AF0601", "taliban", "2021-08-15", "day", "Afghan officials", "The Taliban took control of Jalalabad"),
    C("Torkham", "point", "AF0617", "taliban", "2021-08-15", "day", "Pakistani official at the crossing",
      "The group also took the Torkham border crossing"),
    C("Mazar-i-Sharif", "point", "AF2101", "taliban", "2021-08-14", "day", "reporter", "On Saturday the insurgents captured Mazar-i-Sharif"),
    C("Sharana", "point", "AF1201", "taliban", "2021-08-14", "day", "reporter", "On Saturday the insurgents captured Mazar-i-Sharif"),
    C("Asadabad", "point", "AF1501", "taliban", "2021-08-14", "day", "tribal elder", "was handed over to the Taliban by local elders"),
    C("Kabul", "point", "AF0101", "government", "2021-08-15", "unknown", "reporter",
      "Kabul is now the only major city still under government control"),
], [
    N("Khyber", None, "foreign (Pakistan's Khyber district)"),
], "Torkham lies in Muhmand Dara district (AF0617). 'the only major city still under government control' is a government claim for Kabul.")

ART("c015", None, """Taliban seize Farah city after weeks of fighting
Caption: Afghan commandos patrol in Herat's Injil district on July 30, 2021. (AP Photo/Hamed Sarfarazi)
The Taliban seized Farah, the capital of the western province of the same name, on Tuesday, according to a provincial council member, making it the sixth provincial capital to fall in less than a week.
Council member Jamila Amini said the insurgents took the governor's compound and the intelligence headquarters after government forces retreated to an army base on the outskirts of the city.
The Interior Ministry said security forces had "made a tactical retreat" and would counter-attack.
Bala Buluk district, on the main road from Farah to Kandahar, fell to the Taliban two weeks ago after months of siege.
READ MORE: Taliban capture Aybak, capital of Samangan province
Caption: Afghan security forces stand guard at a checkpoint in Kandahar, Afghanistan, Monday, Aug. 9, 2021. (AP Photo)
Copyright 2021 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.
""", [
    C("Farah", "point", "AF3301", "taliban", None, "unknown", "provincial council member Jamila Amini",
      "The Taliban seized Farah, the capital", date_note="'on Tuesday' (2021-08-10) but no date line"),
    C("Bala Buluk", "district", "AF3306", "taliban", None, "unknown", "reporter", "Bala Buluk district"),
    C("Aybak", "point", "AF2001", "taliban", None, "unknown", "'READ MORE' link headline", "READ MORE: Taliban capture Aybak"),
], [
    N("Injil", "AF3202", "photo caption (patrol); no control claim"),
    N("Kandahar", "AF2701", "photo caption (checkpoint) and road reference"),
], "Undated AP copy (Aug 2021). 'sixth provincial capital' is a count. READ MORE headline claim kept as in dev gold a046.")

ART("c016", None, """Afghan forces repel Taliban attack on Kandahar's Zhari district
KANDAHAR, Afghanistan, July 13 (Reuters) - Afghan security forces pushed back a major Taliban attack on Zhari district of southern Kandahar province on Tuesday, killing at least 30 insurgents, provincial officials said.
The Taliban overran neighbouring Panjwai district on Monday night after a week of clashes, said Jamal Nasir Barakzai, a spokesman for the Kandahar police.
Heavy fighting was also reported yesterday in Daman district, east of Kandahar city, where the insurgents attacked several security outposts.
Maruf district, on the border with Pakistan, fell to the group in May.
Kandahar is the birthplace of the Taliban movement.
""", [
    C("Zhari", "district", "AF2705", "government", "2021-07-13", "day", "provincial officials", "pushed back a major Taliban attack on Zhari district"),
    C("Panjwai", "district", "AF2704", "taliban", "2021-07-12", "day", "Jamal Nasir Barakzai, Kandahar police spokesman",
      "The Taliban overran neighbouring Panjwai district on Monday night"),
    C("Daman", "district", "AF2703", "contested", "2021-07-12", "day", "reporter", "Heavy fighting was also reported yesterday in Daman district"),
    C("Maruf", "district", "AF2715", "taliban", "2021-05-01", "month", "reporter", "Maruf district, on the border with Pakistan, fell",
      date_note="'in May' -> month precision, first day of the month"),
], [
    N("KANDAHAR", "AF2701", "dateline; 'east of Kandahar city' location reference; background"),
    N("Pakistan", None, "foreign"),
], "Dateline July 13 (Tuesday, 2021 inferred). Repelled attack -> government. 'Monday night' -> 2021-07-12; 'yesterday' -> 2021-07-12; 'in May' -> May 2021 (month).")

ART("c017", None, """Taliban tighten grip on north as government clings to provincial capitals
By Al Jazeera Staff
The Taliban have made sweeping gains across northern Afghanistan in recent days, taking dozens of districts and besieging several provincial capitals.
In Takhar, the armed group now controls most of the province except Taloqan, the provincial capital, which remains under government control, according to a local legislator.
In Faryab, government troops hold Maimana, while the rest of Faryab province is largely in Taliban hands, residents told Al Jazeera.
The Taliban have also taken part of Samangan province, including Dara-e-Suf Payin district, which fell in recent days.
In Kunduz, the group has held Aliabad district since early May, a local official said.
Taliban spokesman Suhail Shaheen told Al Jazeera from Doha that the group controlled "more than 200 districts" and did not intend to take provincial capitals by force.
The government says it has retaken dozens of districts and dismisses the Taliban figures as propaganda.
""", [
    C("Takhar", "province", "AF18", "taliban", None, "unknown", "local legislator", "the armed group now controls most of the province", scope="most"),
    C("Taloqan", "point", "AF1801", "government", None, "unknown", "local legislator", "the armed group now controls most of the province"),
    C("Maimana", "point", "AF2901", "government", None, "unknown", "residents (Al Jazeera)", "government troops hold Maimana"),
    C("Faryab", "province", "AF29", "taliban", None, "unknown", "residents (Al Jazeera)", "the rest of Faryab province is largely in Taliban hands", scope="rest"),
    C("Samangan", "province", "AF20", "taliban", None, "unknown", "reporter", "The Taliban have also taken part of Samangan province", scope="part"),
    C("Dara-e-Suf Payin", "district", "AF2006", "taliban", None, "unknown", "reporter", "The Taliban have also taken part of Samangan province"),
    C("Aliabad", "district", "AF1903", "taliban", None, "month", "a local official", "the group has held Aliabad district since early May",
      date_note="'since early May' (2021) but no date line; year not stated"),
], [
    N("Doha", None, "foreign"),
    N("Kunduz", "AF19", "province named as context for Aliabad; no province-level claim"),
], "Undated Al Jazeera-style. '200 districts' is a count claim; 'dozens of districts' unnamed.")

ART("c018", "2021-07-02", """ date 2021-07-02 Taliban overrun Jani Khel district in Paktika
SHARANA, Afghanistan -- Taliban fighters overran Jani Khel district in southeastern Paktika province on Thursday after a three-day battle, provincial officials said on Friday.
Paktika provincial council member Mohammad Khan Sherzad said the district governor and police chief were among those who retreated toward Urgun.
Gomal district of Paktika fell on Wednesday, he added, meaning the insurgents now control the entire stretch of the border east of Urgun.
Meanwhile, in neighbouring Paktia province, Zurmat district came under heavy attack overnight and fighting was continuing on Friday morning, a police spokesman in Gardez said.
Sharana, the provincial capital of Paktika, is about 80 km from Jani Khel.
""", [
    C("Jani Khel", "district", "AF1209", "taliban", "2021-07-01", "day", "provincial officials; council member Mohammad Khan Sherzad",
      "Taliban fighters overran Jani Khel district", pcode_note="Jani Khel of Paktika (AF1209), not of Paktya (AF1309)"),
    C("Gomal", "district", "AF1208", "taliban", "2021-06-30", "day", "council member Mohammad Khan Sherzad", "Gomal district of Paktika fell on Wednesday"),
    C("Zurmat", "district", "AF1303", "contested", "2021-07-02", "day", "police spokesman in Gardez",
      "Zurmat district came under heavy attack overnight"),
], [
    N("SHARANA", "AF1201", "dateline and distance reference"),
    N("Urgun", "AF1211", "destination of retreat; location reference"),
    N("Gardez", "AF1301", "location of the police spokesman"),
], "'on Thursday' relative to Friday 2021-07-02 -> 2021-07-01; 'on Wednesday' -> 2021-06-30. 'entire stretch of the border east of Urgun' unnamed. Zurmat: heavy attack, fighting continuing -> contested, dated the day of the report.")

ART("c019", None, """HERAT, Afghanistan, Aug 1 (Reuters) - Fighting raged on the outskirts of Herat on Sunday as Taliban fighters pushed into the western city's southern neighbourhoods, officials and residents said, days after the insurgents took control of the district that surrounds its airport.
Afghan forces and militia loyal to veteran commander Ismail Khan had pushed the Taliban back from parts of Injil district on Saturday, Khan told reporters.
Guzara district, where Herat airport is located, fell to the Taliban on Friday, a provincial official said.
A United Nations compound near the city was attacked on Friday, killing a guard.
The Islam Qala border crossing with Iran, seized by the Taliban last month, remains closed to trade.
(Reporting by Hamid Shalizi; Writing by Rupam Jain; Editing by William Maclean)
""", [
    C("Herat", "point", "AF3201", "contested", "2021-08-01", "day", "officials and residents", "Fighting raged on the outskirts of Herat on Sunday",
      year_inferred=True),
    C("Injil", "district", "AF3202", "government", "2021-07-31", "day", "commander Ismail Khan", "had pushed the Taliban back from parts of Injil district",
      year_inferred=True),
    C("Guzara", "district", "AF3203", "taliban", "2021-07-30", "day", "a provincial official", "Guzara district, where Herat airport is located, fell",
      year_inferred=True),
    C("Islam Qala", "point", "AF3213", "taliban", "2021-07-01", "month", "reporter", "seized by the Taliban last month",
      year_inferred=True, date_note="'last month' -> July 2021, month precision"),
], [
    N("Iran", None, "foreign"),
], "Dateline Aug 1 (Sunday, 2021 inferred): 'on Saturday' -> 2021-07-31, 'on Friday' -> 2021-07-30. UN compound attack is an incident.")

ART("c020", "2015-09-29", """ date 2015-09-29 Taliban seize Afghan city of Kunduz in major blow to government
KUNDUZ, Afghanistan - Taliban fighters seized control of most of the northern Afghan city of Kunduz on Monday, overrunning the governor's compound and freeing hundreds of prisoners from the city jail, officials said.
It is the first time the insurgents have captured a provincial capital since they were driven from power in 2001.
Government officials and security forces fled to the airport on the edge of the city, which remained under the control of Afghan forces on Tuesday, the deputy interior minister said in Kabul.
Chahar Dara district, west of the city, has been contested for months.
Reinforcements were being flown in from Mazar-i-Sharif and Kabul to retake the city, officials said.
""", [
    C("Kunduz", "point", "AF1901", "taliban", "2015-09-28", "day", "officials", "Taliban fighters seized control of most of the northern Afghan city of Kunduz on Monday"),
    C("airport", "point", "AF1901", "government", "2015-09-29", "day", "deputy interior minister", "which remained under the control of Afghan forces on Tuesday"),
    C("Chahar Dara", "district", "AF1902", "contested", "2015-09-29", "unknown", "reporter", "Chahar Dara district, west of the city, has been contested"),
], [
    N("Kabul", "AF0101", "location of the minister; origin of reinforcements"),
    N("Mazar-i-Sharif", "AF2101", "origin of reinforcements"),
], "2015 article. 'on Monday' relative to Tuesday 2015-09-29 -> 2015-09-28. Kunduz airport lies in Kunduz district.")
