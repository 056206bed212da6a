package golf.linkup.engine.sampledata;

import java.util.List;

/**
 * First and last names for generated users, by naming tradition, so a user in Tokyo or Madrid
 * gets a plausible name. Plain lists of common names; no real person is meant.
 */
enum NamePool {

    ANGLO(List.of("James", "Olivia", "William", "Emma", "Benjamin", "Charlotte", "Henry", "Amelia", "Alexander",
            "Sophia", "Michael", "Grace", "Daniel", "Chloe", "Matthew", "Hannah", "Samuel", "Lucy", "Thomas", "Emily",
            "Andrew", "Sarah", "Christopher", "Rachel", "Jonathan", "Megan", "Patrick", "Claire", "Ryan", "Natalie",
            "Nathan", "Laura", "Edward", "Katherine", "Owen", "Abigail"),
            List.of("Smith", "Johnson", "Williams", "Brown", "Taylor", "Anderson", "Thompson", "White", "Harris",
                    "Martin", "Clarke", "Walker", "Hughes", "Wright", "Robinson", "Hall", "Allen", "Young", "King",
                    "Scott", "Green", "Baker", "Adams", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips",
                    "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "O'Brien",
                    "Kelly", "Sullivan", "Bennett", "Hayes", "Fletcher")),

    HISPANIC(List.of("Alejandro", "Lucía", "Javier", "Sofía", "Diego", "Valentina", "Carlos", "Camila", "Miguel",
            "Isabel", "Andrés", "Elena", "Pablo", "Mariana", "Fernando", "Carmen", "Santiago", "Paula", "Rafael",
            "Gabriela", "Mateo", "Daniela", "Sergio", "Natalia", "Tomás", "Ana", "Ricardo", "Inés", "Jorge", "Victoria"),
            List.of("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
                    "Díaz", "Hernández", "Morales", "Jiménez", "Ruiz", "Álvarez", "Romero", "Navarro", "Torres",
                    "Domínguez", "Vázquez", "Ramos", "Castillo", "Ortega", "Delgado", "Castro", "Vargas", "Herrera",
                    "Medina", "Aguilar", "Mendoza")),

    FRENCH(List.of("Louis", "Camille", "Antoine", "Chloé", "Julien", "Manon", "Mathieu", "Léa", "Nicolas", "Inès",
            "Hugo", "Juliette", "Pierre", "Margaux", "Étienne", "Sophie", "Guillaume", "Claire", "Olivier", "Élodie",
            "Maxime", "Amélie", "Vincent", "Pauline", "Théo", "Aurélie", "Baptiste", "Céline", "Rémi", "Hélène"),
            List.of("Martin", "Bernard", "Dubois", "Durand", "Leroy", "Moreau", "Laurent", "Simon", "Michel",
                    "Lefèvre", "Garnier", "Faure", "Rousseau", "Blanc", "Fontaine", "Chevalier", "Robin", "Girard",
                    "Bonnet", "Dupont", "Lambert", "Fournier", "Mercier", "Gauthier", "Perrin", "Morel", "Tremblay",
                    "Gagnon", "Bouchard", "Côté")),

    GERMAN(List.of("Lukas", "Anna", "Maximilian", "Lena", "Felix", "Laura", "Jonas", "Julia", "Tobias", "Katharina",
            "Sebastian", "Sophie", "Florian", "Hannah", "Moritz", "Lea", "Niklas", "Johanna", "Jan", "Franziska",
            "Matthias", "Miriam", "Stefan", "Carolin", "Markus", "Theresa", "Andreas", "Verena", "Philipp", "Annika"),
            List.of("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
                    "Hoffmann", "Koch", "Richter", "Bauer", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz",
                    "Zimmermann", "Braun", "Hofmann", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Keller",
                    "Meier", "Brunner", "Huber")),

    JAPANESE(List.of("Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Takumi", "Sakura", "Kenji", "Yuki", "Daiki",
            "Mei", "Hiroshi", "Naoko", "Kaito", "Emi", "Shota", "Rina", "Yusuke", "Ayaka", "Kazuki", "Miho", "Ryo",
            "Keiko", "Takeshi", "Saki", "Koji", "Mariko", "Shin", "Nanami"),
            List.of("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi",
                    "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi",
                    "Shimizu", "Mori", "Ikeda", "Hashimoto", "Ishikawa", "Ogawa", "Fujita", "Okada", "Goto",
                    "Hasegawa", "Murakami", "Kondo")),

    SOUTH_ASIAN(List.of("Arjun", "Priya", "Rohan", "Ananya", "Vikram", "Kavya", "Aditya", "Meera", "Rahul", "Sneha",
            "Karan", "Divya", "Nikhil", "Pooja", "Siddharth", "Neha", "Aman", "Ishita", "Varun", "Riya", "Sameer",
            "Tanvi", "Harsh", "Aditi", "Rajesh", "Lakshmi", "Anil", "Sunita", "Dev", "Nisha"),
            List.of("Sharma", "Patel", "Gupta", "Singh", "Iyer", "Reddy", "Nair", "Mehta", "Kapoor", "Rao", "Joshi",
                    "Malhotra", "Agarwal", "Chopra", "Desai", "Menon", "Bhat", "Verma", "Khanna", "Pillai", "Saxena",
                    "Banerjee", "Chatterjee", "Mukherjee", "Krishnan", "Bose", "Sethi", "Kulkarni", "Chawla", "Ahuja")),

    CHINESE(List.of("Wei", "Mei Ling", "Jun", "Xin Yi", "Hao", "Jia Hui", "Ming", "Li Na", "Kai", "Yan", "Wen Jie",
            "Hui Min", "Zhi Hao", "Shu Fen", "Jason", "Michelle", "Kelvin", "Vivian", "Derek", "Joanne", "Alvin",
            "Cheryl", "Raymond", "Grace", "Eugene", "Winnie", "Marcus", "Irene", "Terence", "Sharon"),
            List.of("Tan", "Lim", "Lee", "Ng", "Wong", "Chan", "Goh", "Chua", "Ong", "Teo", "Koh", "Lau", "Cheung",
                    "Leung", "Ho", "Chen", "Liu", "Zhang", "Wang", "Yeo", "Low", "Lai", "Chow", "Tsang", "Yip", "Kwok",
                    "Fung", "Siu", "Tang", "Chong")),

    ARABIC(List.of("Ahmed", "Fatima", "Omar", "Layla", "Khalid", "Noura", "Yousef", "Mariam", "Hamad", "Aisha",
            "Saeed", "Hessa", "Rashid", "Amira", "Faisal", "Salma", "Tariq", "Reem", "Zayed", "Huda", "Karim", "Dana",
            "Nasser", "Lina", "Majid", "Rania", "Sultan", "Yasmin", "Ali", "Sara"),
            List.of("Al Mansoori", "Al Hashimi", "Al Marzouqi", "Al Nuaimi", "Al Falasi", "Al Suwaidi", "Al Shamsi",
                    "Al Qassimi", "Haddad", "Khoury", "Nasser", "Saleh", "Farouk", "Rahman", "Hamdan", "Al Mazrouei",
                    "Al Ketbi", "Al Zaabi", "Aziz", "Mansour", "Darwish", "Hussein", "Karam", "Sabbagh", "Najjar",
                    "Issa", "Barakat", "Qureshi", "Al Amiri", "Al Dhaheri")),

    SOUTH_AFRICAN(List.of("Thabo", "Naledi", "Sipho", "Lerato", "Pieter", "Annelie", "Johan", "Zanele", "Themba",
            "Nomvula", "Kagiso", "Palesa", "Willem", "Marelize", "Lwazi", "Thandiwe", "Mandla", "Refilwe", "Gerhard",
            "Liezl", "Bongani", "Ayanda", "Riaan", "Karabo", "Sizwe", "Nandi", "Jacques", "Lindiwe", "Tshepo", "Mpho"),
            List.of("Nkosi", "Dlamini", "Botha", "van der Merwe", "Mokoena", "Ndlovu", "Pretorius", "Khumalo",
                    "Naidoo", "Venter", "Mahlangu", "du Plessis", "Zulu", "Coetzee", "Mthembu", "Steyn", "Molefe",
                    "Fourie", "Sithole", "Joubert", "Ngcobo", "Kruger", "Radebe", "Nel", "Moloi", "Swanepoel", "Cele",
                    "Pillay", "Mabaso", "Visser"));

    private final List<String> firstNames;
    private final List<String> lastNames;

    NamePool(List<String> firstNames, List<String> lastNames) {
        this.firstNames = firstNames;
        this.lastNames = lastNames;
    }

    List<String> firstNames() {
        return firstNames;
    }

    List<String> lastNames() {
        return lastNames;
    }
}
