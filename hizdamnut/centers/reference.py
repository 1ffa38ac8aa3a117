"""Israeli regions and cities the centers serve (reference data, loaded by a migration)."""

REGIONS = {
    "haifa": ("חיפה והקריות", "Haifa and the Krayot", [
        ("חיפה", "Haifa"), ("קריית אתא", "Kiryat Ata"), ("קריית ביאליק", "Kiryat Bialik"),
        ("קריית מוצקין", "Kiryat Motzkin"), ("קריית ים", "Kiryat Yam"), ("טירת כרמל", "Tirat Carmel"),
        ("נשר", "Nesher"),
    ]),
    "galilee": ("הגליל והעמקים", "Galilee and the valleys", [
        ("נצרת", "Nazareth"), ("נוף הגליל", "Nof HaGalil"), ("עפולה", "Afula"), ("טבריה", "Tiberias"),
        ("כרמיאל", "Karmiel"), ("צפת", "Safed"), ("סח'נין", "Sakhnin"), ("שפרעם", "Shefa-Amr"),
    ]),
    "sharon": ("השרון", "The Sharon", [
        ("נתניה", "Netanya"), ("כפר סבא", "Kfar Saba"), ("רעננה", "Ra'anana"), ("הרצליה", "Herzliya"),
        ("הוד השרון", "Hod HaSharon"), ("טייבה", "Tayibe"), ("קלנסווה", "Qalansawe"), ("טירה", "Tira"),
    ]),
    "dan": ("גוש דן", "Gush Dan", [
        ("תל אביב-יפו", "Tel Aviv-Yafo"), ("בת ים", "Bat Yam"), ("חולון", "Holon"), ("רמת גן", "Ramat Gan"),
        ("בני ברק", "Bnei Brak"), ("פתח תקווה", "Petah Tikva"),
    ]),
    "center": ("המרכז והשפלה", "Center and Shfela", [
        ("רחובות", "Rehovot"), ("נס ציונה", "Ness Ziona"), ("ראשון לציון", "Rishon LeZion"), ("לוד", "Lod"),
        ("רמלה", "Ramla"), ("יבנה", "Yavne"),
    ]),
    "jerusalem": ("ירושלים והסביבה", "Jerusalem area", [
        ("ירושלים", "Jerusalem"), ("בית שמש", "Beit Shemesh"), ("מבשרת ציון", "Mevaseret Zion"),
        ("מעלה אדומים", "Ma'ale Adumim"),
    ]),
    "south_coast": ("חוף הדרום", "Southern coast", [
        ("אשדוד", "Ashdod"), ("אשקלון", "Ashkelon"), ("קריית גת", "Kiryat Gat"), ("קריית מלאכי", "Kiryat Malakhi"),
    ]),
    "negev": ("הנגב", "The Negev", [
        ("באר שבע", "Be'er Sheva"), ("דימונה", "Dimona"), ("אופקים", "Ofakim"), ("רהט", "Rahat"),
        ("נתיבות", "Netivot"), ("ירוחם", "Yeruham"), ("ערד", "Arad"),
    ]),
    "arava": ("אילת והערבה", "Eilat and the Arava", [("אילת", "Eilat"), ("יטבתה", "Yotvata")]),
}


def load(Region, City):
    for code, (name_he, name_en, cities) in REGIONS.items():
        region, _ = Region.objects.update_or_create(code=code, defaults={"name_he": name_he, "name_en": name_en})
        for city_he, city_en in cities:
            City.objects.update_or_create(name_he=city_he, defaults={"name_en": city_en, "region": region})


def ensure_loaded():
    """Load the reference data if a flush emptied it (transactional tests do)."""
    from .models import City, Region

    if not City.objects.exists():
        load(Region, City)
