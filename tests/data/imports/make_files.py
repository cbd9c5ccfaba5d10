"""Regenerates the shipped import samples (run from this folder): their encodings are the point."""

from pathlib import Path

HERE = Path(__file__).parent

# A Russian-style registry: cp1251, semicolons, DD.MM.YYYY, Cyrillic sex letters, extra columns,
# and a blank trailing row as spreadsheets export them.
(HERE / "ru_registry_cp1251.csv").write_bytes(
    (
        "ID;Family_Name;Given_Name;Patronymic;Birth_Date;Sex;Military_Unit;Category;"
        "Seriously_Wounded;Consent;Rank;Camp\r\n"
        "R-001;Иванов;Пётр;Сергеевич;03.07.1994;М;в/ч 12345;serviceman;no;yes;рядовой;Лагерь 3\r\n"
        "R-002;Смирнова;Анна;;1989-11-20;Ж;;Civilian;;unknown;;Лагерь 1\r\n"
        "R-003;Кузнецов;Олег;Игоревич;;м;в/ч 54321;;YES;;сержант;\r\n"
        ";;;;;;;;;;;\r\n"
    ).encode("cp1251")
)

# A Ukrainian-style request list: UTF-8 with BOM, commas, ISO dates, Ч/Ж, quoted commas.
(HERE / "ua_request_bom.csv").write_bytes(
    (
        "id,family_name,given_name,patronymic,birth_date,sex,military_unit,seriously_ill,"
        "captured_on\r\n"
        'U17,Шевченко,Тарас,Григорович,1991-03-09,Ч,"бригада 24, рота 2",1,2023-05-14\r\n'
        "U18,Коваленко,Олена,,, ж ,,0,\r\n"
    ).encode("utf-8-sig")
)

# Third data row (spreadsheet row 4) carries a day that does not exist.
(HERE / "bad_birth_date.csv").write_text(
    "id,family_name,given_name,birth_date\n"
    "A1,Smith,John,1990-01-01\n"
    "A2,Brown,Mary,02.03.1985\n"
    "A3,Green,Paul,31.02.1990\n"
    "A4,White,Anna,\n",
    encoding="utf-8",
)
