"""Articles c021-c030 of the challenge set (project-written text)."""
from _lib import ART, C, N

ART("c021", "2016-10-04", """ date 2016-10-04 Taliban fighters enter Kunduz city a year after first capture
KUNDUZ/KABUL, Oct 4 - Taliban fighters entered parts of the northern Afghan city of Kunduz early on Monday from four directions, raising their flag in the main square before Afghan special forces counter-attacked, officials said.
A year ago the insurgents seized the city and held it for about two weeks, their biggest victory of the war.
"The enemy is inside the city, but our forces are clearing house by house," provincial police spokesman Mahfuzullah Akbari said on Tuesday.
In the southern province of Helmand, the Taliban overran Nawa-i-Barakzayi district last week, officials said, bringing the insurgents closer to the provincial capital Lashkar Gah.
Lashkar Gah has been under threat since August.
""", [
    C("Kunduz", "point", "AF1901", "contested", "2016-10-03", "day", "officials; police spokesman Mahfuzullah Akbari",
      "Taliban fighters entered parts of the northern Afghan city of Kunduz early on Monday"),
    C("Kunduz", "point", "AF1901", "taliban", None, "unknown", "reporter", "A year ago the insurgents seized the city", historical=True,
      date_note="2015 (a year before the article)"),
    C("Nawa-i-Barakzayi", "district", "AF3003", "taliban", "2016-09-26", "week", "officials",
      "the Taliban overran Nawa-i-Barakzayi district last week", date_note="'last week' -> week starting Monday 2016-09-26"),
], [
    N("Lashkar Gah", "AF3001", "'under threat' / 'closer to'; no control claim"),
    N("Helmand", "AF30", "province named as context"),
], "2016 article. 'early on Monday' relative to Tuesday 2016-10-04 -> 2016-10-03.")

ART("c022", "2018-08-12", """ date 2018-08-12 Battle for Ghazni enters third day as Taliban claim most of the city
GHAZNI, Afghanistan (AP) - Fighting raged for a third day on Sunday in the eastern city of Ghazni, where Taliban insurgents launched a coordinated assault on Friday, officials said.
The Taliban claimed in a statement that their fighters had captured most of the city, including the police headquarters.
But Defense Ministry spokesman Mohammad Radmanesh said government forces still held the governor's compound, the police headquarters and the intelligence office, and that the city "is under the control of the security forces."
Hundreds of reinforcements arrived from Kabul on Saturday.
The Taliban also overran the Ajristan district centre in the west of Ghazni province on Friday, killing dozens of soldiers and police, provincial council member Amanullah Kamrani said.
Ghazni lies on the main highway connecting Kabul with the southern province of Kandahar.
""", [
    C("Ghazni", "point", "AF1101", "contested", "2018-08-12", "day", "officials", "Fighting raged for a third day on Sunday in the eastern city of Ghazni"),
    C("Ghazni", "point", "AF1101", "taliban", "2018-08-12", "unknown", "Taliban statement", "their fighters had captured most of the city"),
    C("Ghazni", "point", "AF1101", "government", "2018-08-12", "unknown", "Defense Ministry spokesman Mohammad Radmanesh",
      "government forces still held the governor's compound"),
    C("Ajristan", "district", "AF1118", "taliban", "2018-08-10", "day", "provincial council member Amanullah Kamrani",
      "The Taliban also overran the Ajristan district centre"),
], [
    N("Kabul", "AF0101", "origin of reinforcements; road reference"),
    N("Kandahar", "AF27", "road reference"),
], "2018 article (Sunday 2018-08-12). Assault began Friday 2018-08-10. Taliban claim and MoD denial kept separately plus reporter's contested.")

ART("c023", None, """Home | Afghanistan | Business | Sport | Opinion | Watch Live
Dara-e-Sof-e-Bala District Collapses to Taliban
Dara-e-Sof-e-Bala district in northern Samangan province collapsed to the Taliban on Sunday evening, local officials confirmed.
The head of Samangan provincial council, Mohammad Asif Sadiqi, said that security forces left the district after a short clash and that the Taliban had also besieged Ruy-e-Du Ab district.
"The government did not send any reinforcement," Sadiqi said.
The Ministry of Defense did not comment on Dara-e-Sof-e-Bala but said operations were ongoing in Khuram wa Sarbagh district, which it said was "cleared of Taliban" on Saturday.
Most Read
Ghani Meets Biden at White House
Kabul Residents Complain of Power Outages
Watch TOLOnews Live
© TOLOnews 2021
""", [
    C("Dara-e-Sof-e-Bala", "district", "AF2007", "taliban", None, "unknown", "local officials", "Dara-e-Sof-e-Bala district in northern Samangan province collapsed"),
    C("Ruy-e-Du Ab", "district", "AF2005", "contested", None, "unknown", "Samangan provincial council head Mohammad Asif Sadiqi",
      "the Taliban had also besieged Ruy-e-Du Ab district"),
    C("Khuram wa Sarbagh", "district", "AF2003", "government", None, "unknown", "Ministry of Defense", "cleared of Taliban"),
], [
    N("Kabul", "AF0101", "sidebar headline (power outages)"),
], "Scraped TOLOnews page with navigation and sidebar. Undated: 'Sunday evening' / 'Saturday' unresolved.")

ART("c024", None, """Afghan forces retake Kunar district hours after it fell; Taliban claim Nuristan gains
ASADABAD, Afghanistan, July 5 (AFP) - Afghan forces retook Dangam district in eastern Kunar province on Sunday, hours after it fell to the Taliban, a police spokesman said.
"The Taliban captured the district centre at dawn, but by the afternoon our forces had cleared it," Kunar police spokesman Farid Dehqan said.
In neighbouring Nuristan, the Taliban captured Barg-e-Matal district on Saturday after government troops were airlifted out, a local official said.
Taliban spokesman Zabihullah Mujahid said the group had also taken Kamdesh district.
Nuristan's police chief denied this, saying Kamdesh remained under government control.
Chitral, across the border in Pakistan, has seen an influx of families fleeing the fighting.
""", [
    C("Dangam", "district", "AF1512", "government", "2021-07-04", "day", "Kunar police spokesman Farid Dehqan", "Afghan forces retook Dangam district"),
    C("Dangam", "district", "AF1512", "taliban", "2021-07-04", "day", "Kunar police spokesman Farid Dehqan", "hours after it fell to the Taliban"),
    C("Barg-e-Matal", "district", "AF1608", "taliban", "2021-07-03", "day", "a local official", "the Taliban captured Barg-e-Matal district on Saturday"),
    C("Kamdesh", "district", "AF1606", "taliban", "2021-07-05", "unknown", "Taliban spokesman Zabihullah Mujahid", "had also taken Kamdesh district"),
    C("Kamdesh", "district", "AF1606", "government", "2021-07-05", "unknown", "Nuristan police chief", "Kamdesh remained under government control"),
], [
    N("ASADABAD", "AF1501", "dateline"),
    N("Chitral", None, "foreign (Pakistan)"),
], "Dateline July 5 (Monday, 2021 inferred): 'on Sunday' -> 2021-07-04; 'on Saturday' -> 2021-07-03. Kamdesh claim vs denial dated to the report.")

ART("c025", None, """Taliban overrun Kijran, Pato districts of Daikundi
NILI (Pajhwok): The Taliban have overrun Kijran and Pato districts of central Daikundi province, officials said on Thursday.
Daikundi governor's spokesman Ali Hussaini told Pajhwok the security forces had left Kijran district headquarters on Wednesday night and moved to Nili.
Pato district, which borders Khadir district, fell on Thursday morning after a brief clash, he said.
He added that Shahristan district remained under the control of security forces and Nili, the provincial capital, was calm.
In neighbouring Uruzgan, Chora district has been besieged by the Taliban for two weeks, a local elder said.
""", [
    C("Kijran", "district", "AF2408", "taliban", None, "unknown", "officials; Daikundi governor's spokesman", "The Taliban have overrun Kijran and Pato districts"),
    C("Pato", "district", "AF2409", "taliban", None, "unknown", "officials; Daikundi governor's spokesman", "The Taliban have overrun Kijran and Pato districts",
      pcode_note="Pato/Patoo = Gizab (AF2409; ALT name Patoo in the 2018 boundaries)"),
    C("Shahristan", "district", "AF2402", "government", None, "unknown", "Daikundi governor's spokesman", "Shahristan district remained under the control of security forces"),
    C("Chora", "district", "AF2503", "contested", None, "unknown", "a local elder", "Chora district has been besieged"),
], [
    N("NILI", "AF2401", "dateline; destination of withdrawing forces; 'calm' is no control claim"),
    N("Khadir", "AF2404", "neighbour reference"),
], "Undated Pajhwok-style copy; Kijran = Kajran; Pato = Gizab (2018 ALT Patoo). Nili is both destination and 'calm' -> no claim.")

ART("c026", "2021-08-10", """ date 2021-08-10 Taliban seize Pul-i-Khumri and Farah as government loses grip on north and west
KABUL (Reuters) - The Taliban captured Pul-i-Khumri, the capital of northern Baghlan province, on Tuesday, a lawmaker from the province said, hours after the insurgents also took Farah city in the west.
Farah provincial council member Shahla Abubakr said the governor's compound and the police headquarters in Farah had fallen.
Aybak, the capital of Samangan province, was handed over to the Taliban by local elders on Monday without a fight.
The group has besieged Faizabad, the capital of northeastern Badakhshan province.
Seven of Afghanistan's 34 provincial capitals have now fallen in less than a week.
U.S. special envoy Zalmay Khalilzad flew to Doha to press the Taliban to accept a ceasefire.
""", [
    C("Pul-i-Khumri", "point", "AF0901", "taliban", "2021-08-10", "day", "a lawmaker from Baghlan", "The Taliban captured Pul-i-Khumri"),
    C("Farah", "point", "AF3301", "taliban", "2021-08-10", "day", "reporter; Farah provincial council member Shahla Abubakr", "hours after the insurgents also took Farah city"),
    C("Aybak", "point", "AF2001", "taliban", "2021-08-09", "day", "reporter", "was handed over to the Taliban by local elders on Monday"),
    C("Faizabad", "point", "AF1701", "contested", "2021-08-10", "unknown", "reporter", "The group has besieged Faizabad"),
], [
    N("Doha", None, "foreign"),
    N("KABUL", "AF0101", "dateline"),
], "'on Monday' relative to Tuesday 2021-08-10 -> 2021-08-09. 'Seven of 34' is a count claim.")

ART("c027", None, """Lashkar Gah: Battle for Helmand capital leaves civilians trapped
By Sana Qaderi, BBC News, Islamabad
Taliban fighters have captured most of Lashkar Gah, the capital of Helmand province, including the local radio and TV station, officials say.
Government forces still hold the governor's compound and the police headquarters in the centre of the city, a senior security official told the BBC.
Fighting also raged in Nad-e-Ali district, west of the city, residents said.
Afghan commandos have retaken Nawa district, just south of Lashkar Gah, the defence ministry said, after US air strikes on Taliban positions.
Hundreds of families have fled to Kabul, while others are sheltering in their homes.
British troops fought for years in Helmand; Sangin, in the north of the province, was the scene of some of their heaviest losses.
""", [
    C("Lashkar Gah", "point", "AF3001", "taliban", None, "unknown", "officials", "Taliban fighters have captured most of Lashkar Gah"),
    C("Lashkar Gah", "point", "AF3001", "contested", None, "unknown", "reporter (headline)", "Lashkar Gah: Battle for Helmand capital",
      controller_note="'Battle for' the city, with Taliban holding most and government the compound -> contested"),
    C("governor's compound", "point", "AF3001", "government", None, "unknown", "a senior security official (BBC)", "Government forces still hold the governor's compound"),
    C("Nad-e-Ali", "district", "AF3002", "contested", None, "unknown", "residents", "Fighting also raged in Nad-e-Ali district"),
    C("Nawa", "district", "AF3003", "government", None, "unknown", "defence ministry", "Afghan commandos have retaken Nawa district",
      pcode_note="Nawa of Helmand (Nawa-e-Barakzaiy AF3003), not Nawa of Ghazni"),
], [
    N("Kabul", "AF0101", "destination of fleeing families"),
    N("Sangin", "AF3008", "historical reference to British losses; no control claim"),
], "Undated BBC-style (early Aug 2021).")

ART("c028", None, """Taliban take two districts in Faryab as commandos battle for Dawlatabad
MAIMANA, Afghanistan, June 16 (AFP) - The Taliban captured Qaisar district in northwestern Faryab province on Monday night, and Almar district fell to the insurgents early on Wednesday, provincial officials said.
Faryab provincial council member Abdul Ahad Elbek said the district governor of Qaisar and some 50 police officers surrendered to the Taliban after running out of ammunition.
Heavy fighting was under way in Dawlatabad district, where Afghan commandos were sent to retake the district centre, he said.
Almar is about 40 km west of Maimana, the provincial capital.
""", [
    C("Qaisar", "district", "AF2907", "taliban", "2021-06-14", "day", "provincial officials", "The Taliban captured Qaisar district"),
    C("Almar", "district", "AF2904", "taliban", "2021-06-16", "day", "provincial officials", "Almar district fell to the insurgents early on Wednesday"),
    C("Dawlatabad", "district", "AF2909", "contested", "2021-06-16", "unknown", "Faryab provincial council member Abdul Ahad Elbek",
      "Heavy fighting was under way in Dawlatabad district", pcode_note="Dawlat Abad of Faryab (AF2909)"),
], [
    N("MAIMANA", "AF2901", "dateline; distance reference"),
], "Dateline June 16 (Wednesday, 2021 inferred): 'on Monday night' -> 2021-06-14.")

ART("c029", None, """Drought and conflict push thousands into camps in western Afghanistan
HERAT - Tens of thousands of people displaced by drought and fighting have arrived in camps on the edge of Herat city this summer, aid agencies said.
Many families came from Ghor province, where the harvest failed for a second year, and from Qadis district of Badghis, according to the Norwegian Refugee Council.
"We walked for four days from Chaghcharan," said Gul Bibi, 45, who now lives in a tent near the Shaidayee camp.
A Herat provincial council member, Abdul Qadir Ahmadi, said the city could not absorb more people.
Some families have tried to cross into Iran in search of work.
Last week, a bomb in Jalalabad killed three people at a wedding, and a rocket hit a market in Kandahar city.
The UN says more than half of Afghanistan's population needs humanitarian aid.
""", [], [
    N("Herat city", "AF3201", "IDP destination; dateline"),
    N("Ghor", "AF23", "origin of displaced families"),
    N("Qadis", "AF3104", "origin of displaced families"),
    N("Chaghcharan", "AF2301", "origin of displaced families"),
    N("Herat", "AF32", "title (Herat provincial council member)"),
    N("Iran", None, "foreign destination"),
    N("Jalalabad", "AF0601", "incident (bomb)"),
    N("Kandahar city", "AF2701", "incident (rocket)"),
], "Negative article: places without any control claim.")

ART("c030", "2021-07-16", """ date 2021-07-16 Afghan forces launch push to retake Spin Boldak; Taliban say town still theirs
Afghan security forces launched an operation on Friday to retake the border town of Spin Boldak from the Taliban, two days after the insurgents seized it, and heavy fighting was under way in the town, officials and residents said.
An Interior Ministry spokesman claimed that security forces had retaken the town's main bazaar and administrative centre.
But Taliban spokesman Zabihullah Mujahid said the town and the Wesh crossing "remain under the full control of the mujahideen" and that the government attack had been repulsed.
Pakistani officials in Chaman said the crossing on their side was closed and that wounded Afghan fighters were being treated in Pakistani hospitals.
""", [
    C("Spin Boldak", "point", "AF2711", "taliban", "2021-07-14", "day", "reporter", "two days after the insurgents seized it"),
    C("Spin Boldak", "point", "AF2711", "contested", "2021-07-16", "day", "officials and residents", "heavy fighting was under way in the town"),
    C("Spin Boldak", "point", "AF2711", "government", "2021-07-16", "day", "Interior Ministry spokesman", "security forces had retaken the town's main bazaar"),
    C("Spin Boldak", "point", "AF2711", "taliban", "2021-07-16", "day", "Taliban spokesman Zabihullah Mujahid",
      "remain under the full control of the mujahideen", aliases=["Wesh"]),
], [
    N("Chaman", None, "foreign (Pakistan)"),
], "Contested (fighting), government claim (MoI) and Taliban claim kept separately. The capture 'two days after the insurgents seized it' (2021-07-14) is the reporter's taliban claim; the Taliban spokesman's 'remain under control' shares that key.")
