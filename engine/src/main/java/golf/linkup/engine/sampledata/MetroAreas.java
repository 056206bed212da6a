package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.sampledata.MetroArea.Culture;
import golf.linkup.engine.sampledata.MetroArea.Place;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import static golf.linkup.engine.sampledata.NamePool.ANGLO;
import static golf.linkup.engine.sampledata.NamePool.ARABIC;
import static golf.linkup.engine.sampledata.NamePool.CHINESE;
import static golf.linkup.engine.sampledata.NamePool.FRENCH;
import static golf.linkup.engine.sampledata.NamePool.GERMAN;
import static golf.linkup.engine.sampledata.NamePool.HISPANIC;
import static golf.linkup.engine.sampledata.NamePool.JAPANESE;
import static golf.linkup.engine.sampledata.NamePool.SOUTH_AFRICAN;
import static golf.linkup.engine.sampledata.NamePool.SOUTH_ASIAN;

/**
 * The metro areas users are placed in, with real town coordinates (4 decimals). Each course of
 * {@code courses.json} belongs to the metro whose centre is nearest; the generator refuses a course
 * farther than {@link #MAX_COURSE_DISTANCE_KM} from every centre, and a metro without a course.
 * Satellites are chosen so their distance to the centre is 60–300 km and their zone is the metro's.
 */
final class MetroAreas {

    static final double MAX_COURSE_DISTANCE_KM = 160;

    private static final Locale EN = Locale.ENGLISH;
    private static final Locale ES = Locale.forLanguageTag("es");
    private static final Locale FR = Locale.FRENCH;
    private static final Locale DE = Locale.GERMAN;
    private static final Locale JA = Locale.JAPANESE;

    private static final List<Culture> UNITED_STATES = List.of(
            culture(ANGLO, EN, 72), culture(HISPANIC, EN, 10), culture(SOUTH_ASIAN, EN, 9), culture(CHINESE, EN, 9));
    private static final List<Culture> SOUTH_FLORIDA = List.of(
            culture(ANGLO, EN, 50), culture(HISPANIC, EN, 22), culture(HISPANIC, ES, 28));
    private static final List<Culture> ENGLISH_CANADA = List.of(
            culture(ANGLO, EN, 70), culture(CHINESE, EN, 15), culture(SOUTH_ASIAN, EN, 15));
    private static final List<Culture> QUEBEC = List.of(culture(FRENCH, FR, 65), culture(ANGLO, EN, 35));
    private static final List<Culture> MEXICO = List.of(culture(HISPANIC, ES, 88), culture(ANGLO, EN, 12));
    private static final List<Culture> RESORT_MEXICO = List.of(culture(HISPANIC, ES, 50), culture(ANGLO, EN, 50));
    private static final List<Culture> ARGENTINA = List.of(culture(HISPANIC, ES, 94), culture(ANGLO, EN, 6));
    private static final List<Culture> BRITISH_ISLES = List.of(
            culture(ANGLO, EN, 86), culture(SOUTH_ASIAN, EN, 9), culture(CHINESE, EN, 5));
    private static final List<Culture> LONDON = List.of(culture(ANGLO, EN, 68), culture(SOUTH_ASIAN, EN, 12),
            culture(CHINESE, EN, 6), culture(FRENCH, FR, 5), culture(GERMAN, DE, 4), culture(HISPANIC, ES, 5));
    private static final List<Culture> SPAIN = List.of(culture(HISPANIC, ES, 92), culture(ANGLO, EN, 8));
    private static final List<Culture> COSTA_DEL_SOL = List.of(
            culture(HISPANIC, ES, 60), culture(ANGLO, EN, 34), culture(GERMAN, DE, 6));
    private static final List<Culture> FRANCE = List.of(culture(FRENCH, FR, 88), culture(ANGLO, EN, 12));
    private static final List<Culture> GERMANY = List.of(culture(GERMAN, DE, 86), culture(ANGLO, EN, 14));
    private static final List<Culture> SWITZERLAND = List.of(
            culture(GERMAN, DE, 75), culture(FRENCH, FR, 10), culture(ANGLO, EN, 15));
    private static final List<Culture> JAPAN = List.of(culture(JAPANESE, JA, 88), culture(ANGLO, EN, 12));
    private static final List<Culture> SINGAPORE = List.of(
            culture(CHINESE, EN, 60), culture(SOUTH_ASIAN, EN, 15), culture(ANGLO, EN, 25));
    private static final List<Culture> HONG_KONG = List.of(culture(CHINESE, EN, 72), culture(ANGLO, EN, 28));
    private static final List<Culture> INDIA = List.of(culture(SOUTH_ASIAN, EN, 95), culture(ANGLO, EN, 5));
    private static final List<Culture> GULF = List.of(culture(ARABIC, EN, 35), culture(SOUTH_ASIAN, EN, 25),
            culture(ANGLO, EN, 35), culture(FRENCH, FR, 5));
    private static final List<Culture> AUSTRALIA = List.of(
            culture(ANGLO, EN, 78), culture(CHINESE, EN, 12), culture(SOUTH_ASIAN, EN, 10));
    private static final List<Culture> SOUTH_AFRICA = List.of(culture(SOUTH_AFRICAN, EN, 62), culture(ANGLO, EN, 38));

    static final List<MetroArea> ALL = List.of(
            metro("new-york", "America/New_York", 55, UNITED_STATES,
                    List.of(place("New York", 40.7549, -73.9840, 3, 4), place("New York", 40.7736, -73.9566, 2, 2),
                            place("New York", 40.6782, -73.9442, 4, 2), place("New York", 40.7282, -73.7949, 4, 1),
                            place("Hoboken", 40.7440, -74.0324, 1, 1), place("Greenwich", 41.0262, -73.6282, 4, 1),
                            place("Scarsdale", 41.0051, -73.7846, 3, 1), place("Montclair", 40.8259, -74.2090, 3, 1),
                            place("Garden City", 40.7268, -73.6343, 3, 1)),
                    List.of(town("Philadelphia", 39.9526, -75.1652), town("Hartford", 41.7658, -72.6734),
                            town("New Haven", 41.3083, -72.9279), town("Princeton", 40.3573, -74.6672))),
            metro("san-francisco", "America/Los_Angeles", 35, UNITED_STATES,
                    List.of(place("San Francisco", 37.7749, -122.4194, 3, 4), place("Oakland", 37.8044, -122.2712, 3, 1),
                            place("Palo Alto", 37.4419, -122.1430, 3, 2), place("San Mateo", 37.5630, -122.3255, 3, 1),
                            place("Mill Valley", 37.9060, -122.5450, 2, 1)),
                    List.of(town("Sacramento", 38.5816, -121.4944), town("Santa Cruz", 36.9741, -122.0308),
                            town("Stockton", 37.9577, -121.2908))),
            metro("monterey", "America/Los_Angeles", 6, UNITED_STATES,
                    List.of(place("Monterey", 36.6002, -121.8947, 3, 2), place("Carmel-by-the-Sea", 36.5552, -121.9233, 2, 1),
                            place("Salinas", 36.6777, -121.6555, 3, 1)),
                    List.of(town("San Jose", 37.3382, -121.8863), town("Fresno", 36.7378, -119.7871))),
            metro("los-angeles", "America/Los_Angeles", 25, UNITED_STATES,
                    List.of(place("Los Angeles", 34.0522, -118.2437, 5, 3), place("Santa Monica", 34.0195, -118.4912, 2, 1),
                            place("Pasadena", 34.1478, -118.1445, 3, 1), place("Beverly Hills", 34.0736, -118.4004, 2, 1),
                            place("Irvine", 33.6846, -117.8265, 3, 1)),
                    List.of(town("Santa Barbara", 34.4208, -119.6982), town("Palm Springs", 33.8303, -116.5453),
                            town("Bakersfield", 35.3733, -119.0187))),
            metro("san-diego", "America/Los_Angeles", 8, UNITED_STATES,
                    List.of(place("San Diego", 32.7157, -117.1611, 4, 3), place("La Jolla", 32.8328, -117.2713, 2, 1),
                            place("Carlsbad", 33.1581, -117.3506, 3, 1)),
                    List.of(town("Temecula", 33.4936, -117.1484))),
            metro("seattle", "America/Los_Angeles", 10, UNITED_STATES,
                    List.of(place("Seattle", 47.6062, -122.3321, 4, 3), place("Bellevue", 47.6101, -122.2015, 3, 1),
                            place("Tacoma", 47.2529, -122.4443, 3, 1)),
                    List.of(town("Olympia", 47.0379, -122.9007), town("Bellingham", 48.7519, -122.4787),
                            town("Portland", 45.5152, -122.6784))),
            metro("phoenix", "America/Phoenix", 8, UNITED_STATES,
                    List.of(place("Phoenix", 33.4484, -112.0740, 5, 3), place("Scottsdale", 33.4942, -111.9261, 3, 2),
                            place("Tempe", 33.4255, -111.9400, 3, 1)),
                    List.of(town("Tucson", 32.2226, -110.9747), town("Flagstaff", 35.1983, -111.6513))),
            metro("chicago", "America/Chicago", 20, UNITED_STATES,
                    List.of(place("Chicago", 41.8781, -87.6298, 4, 3), place("Evanston", 42.0451, -87.6877, 2, 1),
                            place("Naperville", 41.7508, -88.1535, 3, 1), place("Oak Brook", 41.8328, -87.9290, 2, 1)),
                    List.of(town("Milwaukee", 43.0389, -87.9065), town("Rockford", 42.2711, -89.0940))),
            metro("boston", "America/New_York", 15, UNITED_STATES,
                    List.of(place("Boston", 42.3601, -71.0589, 3, 3), place("Cambridge", 42.3736, -71.1097, 2, 1),
                            place("Newton", 42.3370, -71.2092, 2, 1), place("Wellesley", 42.2968, -71.2924, 2, 1)),
                    List.of(town("Providence", 41.8240, -71.4128), town("Springfield", 42.1015, -72.5898),
                            town("Manchester", 42.9956, -71.4548))),
            metro("washington", "America/New_York", 15, UNITED_STATES,
                    List.of(place("Washington", 38.9072, -77.0369, 4, 3), place("Arlington", 38.8816, -77.0910, 2, 1),
                            place("Bethesda", 38.9847, -77.0947, 2, 1), place("McLean", 38.9339, -77.1773, 2, 1)),
                    List.of(town("Richmond", 37.5407, -77.4360), town("Frederick", 39.4143, -77.4105))),
            metro("atlanta", "America/New_York", 10, UNITED_STATES,
                    List.of(place("Atlanta", 33.7490, -84.3880, 5, 3), place("Atlanta", 33.8380, -84.3797, 2, 1),
                            place("Alpharetta", 34.0754, -84.2941, 3, 1)),
                    List.of(town("Athens", 33.9519, -83.3576), town("Chattanooga", 35.0456, -85.3097))),
            metro("augusta", "America/New_York", 3, UNITED_STATES,
                    List.of(place("Augusta", 33.4735, -82.0105, 4, 2), place("Aiken", 33.5604, -81.7196, 3, 1)),
                    List.of(town("Columbia", 34.0007, -81.0348))),
            metro("dallas-fort-worth", "America/Chicago", 12, UNITED_STATES,
                    List.of(place("Dallas", 32.7767, -96.7970, 5, 3), place("Fort Worth", 32.7555, -97.3308, 4, 2),
                            place("Plano", 33.0198, -96.6989, 3, 1)),
                    List.of(town("Waco", 31.5493, -97.1467), town("Tyler", 32.3513, -95.3011))),
            metro("jacksonville", "America/New_York", 5, UNITED_STATES,
                    List.of(place("Jacksonville", 30.3322, -81.6557, 5, 2), place("Ponte Vedra Beach", 30.2397, -81.3856, 2, 1)),
                    List.of(town("Gainesville", 29.6516, -82.3248), town("Savannah", 32.0809, -81.0912))),
            metro("orlando", "America/New_York", 6, UNITED_STATES,
                    List.of(place("Orlando", 28.5383, -81.3792, 5, 3), place("Winter Park", 28.6000, -81.3392, 2, 1)),
                    List.of(town("Tampa", 27.9506, -82.4572), town("Daytona Beach", 29.2108, -81.0228))),
            metro("miami", "America/New_York", 10, SOUTH_FLORIDA,
                    List.of(place("Miami", 25.7617, -80.1918, 3, 3), place("Coral Gables", 25.7215, -80.2684, 2, 1),
                            place("Fort Lauderdale", 26.1224, -80.1373, 2, 1)),
                    List.of(town("West Palm Beach", 26.7153, -80.0534), town("Naples", 26.1420, -81.7948))),
            metro("toronto", "America/Toronto", 14, ENGLISH_CANADA,
                    List.of(place("Toronto", 43.6700, -79.3900, 3, 3), place("Mississauga", 43.5890, -79.6441, 3, 1),
                            place("Markham", 43.8561, -79.3370, 3, 1), place("Oakville", 43.4675, -79.6877, 2, 1)),
                    List.of(town("Niagara Falls", 43.0896, -79.0849), town("Kitchener", 43.4516, -80.4925),
                            town("Barrie", 44.3894, -79.6903))),
            metro("vancouver", "America/Vancouver", 7, ENGLISH_CANADA,
                    List.of(place("Vancouver", 49.2600, -123.1140, 3, 3), place("North Vancouver", 49.3200, -123.0724, 2, 1),
                            place("Burnaby", 49.2488, -122.9805, 2, 1)),
                    List.of(town("Victoria", 48.4284, -123.3656), town("Whistler", 50.1163, -122.9574))),
            metro("montreal", "America/Toronto", 8, QUEBEC,
                    List.of(place("Montreal", 45.5017, -73.5673, 3, 3), place("Laval", 45.6066, -73.7124, 3, 1),
                            place("Westmount", 45.4833, -73.5979, 1, 1)),
                    List.of(town("Quebec City", 46.8139, -71.2080), town("Ottawa", 45.4215, -75.6972),
                            town("Sherbrooke", 45.4042, -71.8929))),
            metro("mexico-city", "America/Mexico_City", 14, MEXICO,
                    List.of(place("Mexico City", 19.4326, -99.1332, 6, 3), place("Mexico City", 19.4330, -99.1910, 2, 2),
                            place("Mexico City", 19.3590, -99.2590, 2, 1), place("Naucalpan", 19.4785, -99.2396, 2, 1)),
                    List.of(town("Puebla", 19.0414, -98.2063), town("Querétaro", 20.5888, -100.3899),
                            town("Pachuca", 20.1011, -98.7591))),
            metro("los-cabos", "America/Mazatlan", 3, RESORT_MEXICO,
                    List.of(place("Cabo San Lucas", 22.8905, -109.9167, 2, 1),
                            place("San José del Cabo", 23.0590, -109.6970, 2, 1)),
                    List.of(town("La Paz", 24.1426, -110.3128))),
            metro("buenos-aires", "America/Argentina/Buenos_Aires", 8, ARGENTINA,
                    List.of(place("Buenos Aires", -34.6100, -58.4300, 5, 3), place("San Isidro", -34.4708, -58.5286, 2, 1),
                            place("Pilar", -34.4587, -58.9142, 3, 1)),
                    List.of(town("Rosario", -32.9442, -60.6505), town("Campana", -34.1633, -58.9592),
                            town("San Antonio de Areco", -34.2500, -59.4700))),
            metro("edinburgh", "Europe/London", 10, BRITISH_ISLES,
                    List.of(place("Edinburgh", 55.9533, -3.1883, 3, 3), place("St Andrews", 56.3398, -2.7967, 1, 1),
                            place("North Berwick", 56.0586, -2.7176, 1, 1)),
                    List.of(town("Glasgow", 55.8642, -4.2518), town("Aberdeen", 57.1497, -2.0943),
                            town("Inverness", 57.4778, -4.2247))),
            metro("london", "Europe/London", 40, LONDON,
                    List.of(place("London", 51.5155, -0.0922, 3, 3), place("London", 51.4975, -0.1357, 3, 2),
                            place("London", 51.5054, -0.0235, 2, 1), place("London", 51.4613, -0.3037, 2, 1),
                            place("London", 51.5560, -0.1780, 2, 1), place("Weybridge", 51.3720, -0.4570, 2, 1),
                            place("St Albans", 51.7527, -0.3394, 2, 1), place("Sevenoaks", 51.2724, 0.1909, 2, 1)),
                    List.of(town("Oxford", 51.7520, -1.2577), town("Cambridge", 52.2053, 0.1218),
                            town("Brighton", 50.8225, -0.1372), town("Bristol", 51.4545, -2.5879))),
            metro("belfast", "Europe/London", 4, BRITISH_ISLES,
                    List.of(place("Belfast", 54.5973, -5.9301, 3, 3), place("Holywood", 54.6380, -5.8400, 1, 1)),
                    List.of(town("Portrush", 55.2040, -6.6530), town("Enniskillen", 54.3438, -7.6315))),
            metro("dublin", "Europe/Dublin", 10, BRITISH_ISLES,
                    List.of(place("Dublin", 53.3498, -6.2603, 3, 3), place("Dún Laoghaire", 53.2940, -6.1339, 1, 1),
                            place("Malahide", 53.4509, -6.1544, 1, 1)),
                    List.of(town("Galway", 53.2707, -9.0568), town("Cork", 51.8985, -8.4756),
                            town("Kilkenny", 52.6541, -7.2448))),
            metro("madrid", "Europe/Madrid", 14, SPAIN,
                    List.of(place("Madrid", 40.4168, -3.7038, 5, 4), place("Pozuelo de Alarcón", 40.4350, -3.8130, 2, 1),
                            place("Alcobendas", 40.5475, -3.6420, 2, 1), place("Las Rozas", 40.4929, -3.8737, 2, 1)),
                    List.of(town("Toledo", 39.8628, -4.0273), town("Segovia", 40.9429, -4.1088),
                            town("Valladolid", 41.6523, -4.7245))),
            metro("costa-del-sol", "Europe/Madrid", 5, COSTA_DEL_SOL,
                    List.of(place("Marbella", 36.5101, -4.8825, 3, 3), place("Estepona", 36.4276, -5.1463, 2, 1),
                            place("Sotogrande", 36.2860, -5.2880, 1, 1)),
                    List.of(town("Seville", 37.3891, -5.9845), town("Granada", 37.1773, -3.5986),
                            town("Córdoba", 37.8882, -4.7794))),
            metro("paris", "Europe/Paris", 14, FRANCE,
                    List.of(place("Paris", 48.8566, 2.3522, 4, 4), place("Neuilly-sur-Seine", 48.8846, 2.2697, 1, 1),
                            place("Boulogne-Billancourt", 48.8397, 2.2399, 1, 1), place("Versailles", 48.8049, 2.1204, 2, 1),
                            place("Saint-Germain-en-Laye", 48.8989, 2.0938, 2, 1)),
                    List.of(town("Reims", 49.2583, 4.0317), town("Rouen", 49.4432, 1.0999),
                            town("Orléans", 47.9030, 1.9093))),
            metro("munich", "Europe/Berlin", 8, GERMANY,
                    List.of(place("Munich", 48.1351, 11.5820, 5, 4), place("Starnberg", 47.9990, 11.3408, 2, 1),
                            place("Grünwald", 48.0395, 11.5245, 1, 1)),
                    List.of(town("Ingolstadt", 48.7665, 11.4258), town("Nuremberg", 49.4521, 11.0767),
                            town("Regensburg", 49.0134, 12.1016))),
            metro("frankfurt", "Europe/Berlin", 8, GERMANY,
                    List.of(place("Frankfurt am Main", 50.1109, 8.6821, 4, 4), place("Bad Homburg", 50.2291, 8.6106, 2, 1),
                            place("Wiesbaden", 50.0782, 8.2398, 3, 1)),
                    List.of(town("Mannheim", 49.4875, 8.4660), town("Cologne", 50.9375, 6.9603),
                            town("Stuttgart", 48.7758, 9.1829))),
            metro("zurich", "Europe/Zurich", 7, SWITZERLAND,
                    List.of(place("Zurich", 47.3850, 8.5300, 3, 4), place("Küsnacht", 47.3184, 8.5835, 1, 1),
                            place("Zug", 47.1662, 8.5155, 2, 1)),
                    List.of(town("Basel", 47.5596, 7.5886), town("Bern", 46.9480, 7.4474))),
            metro("tokyo", "Asia/Tokyo", 18, JAPAN,
                    List.of(place("Tokyo", 35.6812, 139.7671, 4, 3), place("Tokyo", 35.6580, 139.7016, 2, 2),
                            place("Tokyo", 35.6466, 139.6532, 3, 2), place("Yokohama", 35.4437, 139.6380, 3, 2),
                            place("Saitama", 35.8617, 139.6455, 3, 1), place("Kawagoe", 35.9251, 139.4858, 2, 1)),
                    List.of(town("Utsunomiya", 36.5551, 139.8828), town("Shizuoka", 34.9756, 138.3828),
                            town("Mito", 36.3418, 140.4468))),
            metro("osaka", "Asia/Tokyo", 7, JAPAN,
                    List.of(place("Osaka", 34.6937, 135.5023, 4, 3), place("Kobe", 34.6901, 135.1955, 2, 2),
                            place("Nishinomiya", 34.7376, 135.3416, 2, 1)),
                    List.of(town("Nagoya", 35.1815, 136.9066), town("Okayama", 34.6551, 133.9195),
                            town("Himeji", 34.8151, 134.6853))),
            metro("singapore", "Asia/Singapore", 12, SINGAPORE,
                    List.of(place("Singapore", 1.2840, 103.8510, 2, 2), place("Singapore", 1.3100, 103.8000, 2, 2),
                            place("Singapore", 1.3500, 103.8700, 3, 1), place("Singapore", 1.3400, 103.7000, 3, 1)),
                    List.of()),
            metro("hong-kong", "Asia/Hong_Kong", 10, HONG_KONG,
                    List.of(place("Hong Kong", 22.2800, 114.1588, 1, 2), place("Hong Kong", 22.3080, 114.1700, 1.5, 2),
                            place("Hong Kong", 22.3800, 114.1900, 2, 1), place("Hong Kong", 22.3810, 114.2730, 1, 1)),
                    List.of()),
            metro("delhi", "Asia/Kolkata", 10, INDIA,
                    List.of(place("New Delhi", 28.6139, 77.2090, 5, 3), place("Gurugram", 28.4595, 77.0266, 3, 2),
                            place("Noida", 28.5355, 77.3910, 3, 1)),
                    List.of(town("Jaipur", 26.9124, 75.7873), town("Agra", 27.1767, 78.0081),
                            town("Chandigarh", 30.7333, 76.7794))),
            metro("dubai", "Asia/Dubai", 10, GULF,
                    List.of(place("Dubai", 25.1972, 55.2744, 3, 3), place("Dubai", 25.0800, 55.1400, 1, 2),
                            place("Sharjah", 25.3463, 55.4209, 2, 1)),
                    List.of(town("Abu Dhabi", 24.4539, 54.3773), town("Al Ain", 24.2075, 55.7447))),
            metro("sydney", "Australia/Sydney", 16, AUSTRALIA,
                    List.of(place("Sydney", -33.8688, 151.2093, 1, 2), place("Sydney", -33.7969, 151.1803, 2, 2),
                            place("Sydney", -33.8920, 151.2500, 1, 1), place("Parramatta", -33.8150, 151.0011, 3, 1),
                            place("Manly", -33.7969, 151.2840, 1, 1)),
                    List.of(town("Newcastle", -32.9283, 151.7817), town("Wollongong", -34.4278, 150.8931),
                            town("Canberra", -35.2809, 149.1300))),
            metro("melbourne", "Australia/Melbourne", 10, AUSTRALIA,
                    List.of(place("Melbourne", -37.8136, 144.9631, 3, 3), place("Melbourne", -37.8410, 145.0150, 2, 1),
                            place("Melbourne", -37.8260, 145.0580, 2, 1)),
                    List.of(town("Geelong", -38.1499, 144.3617), town("Ballarat", -37.5622, 143.8503),
                            town("Bendigo", -36.7570, 144.2794))),
            metro("johannesburg", "Africa/Johannesburg", 8, SOUTH_AFRICA,
                    List.of(place("Johannesburg", -26.2041, 28.0473, 4, 3), place("Sandton", -26.1076, 28.0567, 2, 2),
                            place("Johannesburg", -26.1460, 28.0440, 1, 1)),
                    List.of(town("Rustenburg", -25.6676, 27.2421), town("Potchefstroom", -26.7145, 27.0970))),
            metro("cape-town", "Africa/Johannesburg", 6, SOUTH_AFRICA,
                    List.of(place("Cape Town", -33.9249, 18.4241, 2, 2), place("Cape Town", -34.0250, 18.4250, 2, 1),
                            place("Stellenbosch", -33.9321, 18.8602, 2, 1), place("Cape Town", -33.9800, 18.4650, 1, 1)),
                    List.of(town("Hermanus", -34.4092, 19.2504), town("Worcester", -33.6465, 19.4485))));

    private MetroAreas() {
    }

    private static MetroArea metro(String id, String zone, int weight, List<Culture> cultures, List<Place> places,
                                   List<Place> satellites) {
        return new MetroArea(id, ZoneId.of(zone), weight, cultures, places, satellites);
    }

    private static Place place(String city, double lat, double lng, double radiusKm, int weight) {
        return new Place(city, new GeoPoint(lat, lng), radiusKm, weight);
    }

    /** A satellite town: users live within 3 km of it. */
    private static Place town(String city, double lat, double lng) {
        return new Place(city, new GeoPoint(lat, lng), 3, 1);
    }

    private static Culture culture(NamePool names, Locale locale, int weight) {
        return new Culture(names, locale, weight);
    }
}
