package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.Industry;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Invented employers per industry. The names are made up for the sandbox and are not meant to
 * refer to any real company; keep it that way when adding some (no well-known brands).
 */
final class Companies {

    private static final Map<Industry, List<String>> BY_INDUSTRY = new EnumMap<>(Industry.class);

    static {
        BY_INDUSTRY.put(Industry.FINANCE, List.of("Harborline Capital", "Granite Arch Securities",
                "Bluewater Ledger Bank", "Tidemark Asset Management", "Northgate Wealth Partners",
                "Silverfern Treasury Advisors", "Copperleaf Markets", "Aldermoor Bank", "Keystone Meridian Finance",
                "Larkspur Investment Group"));
        BY_INDUSTRY.put(Industry.PRIVATE_CAPITAL, List.of("Kestrel Peak Partners", "Ironvale Equity Partners",
                "Stonecrest Growth Capital", "Quarry Lane Capital", "Marrowstone Ventures", "Halcyon Ridge Partners",
                "Cedarpoint Buyout Fund", "Westerly Crossing Capital", "Foxglove Credit Partners",
                "Amberline Infrastructure Partners"));
        BY_INDUSTRY.put(Industry.CONSULTING, List.of("Northwind Consulting", "Brightpath Strategy Group",
                "Clearfield Advisory", "Lanternstone Partners", "Keel & Compass Consulting",
                "Parallax Management Consultants", "Meridiano Consultores", "Orchard Street Advisors",
                "Fieldmark Operations Group", "Trellis Change Partners"));
        BY_INDUSTRY.put(Industry.TECH, List.of("Brightwave Systems", "Lumen Forge", "Cobaltline Software",
                "Quillstack", "Nimbusworks Labs", "Datafern", "Pinegrid Networks", "Orbital Thread", "Vantage Loop",
                "Kitewire Analytics"));
        BY_INDUSTRY.put(Industry.REAL_ESTATE, List.of("Cornerstone Harbor Realty", "Parkline Properties",
                "Greystone Avenue Developments", "Millbrook Estates", "Skyframe Development",
                "Alder & Finch Property Group", "Bayfront Realty Trust", "Westgate Commons Holdings"));
        BY_INDUSTRY.put(Industry.LEGAL, List.of("Ashford & Lyle LLP", "Carrow Whitman LLP", "Pemberton Shaw & Hale",
                "Rosslyn Grant Legal", "Hawthorne Vance LLP", "Kingsley Marsh Solicitors", "Delacroix Avocats",
                "Brenner & Voss Rechtsanwälte"));
        BY_INDUSTRY.put(Industry.HEALTHCARE, List.of("Clearbrook Health", "Willowmere Health Partners",
                "Bluepeak Diagnostics", "Sagebridge Clinics", "Northshore Cardiology Group", "Haventree Therapeutics",
                "Lakeside Orthopaedic Partners"));
        BY_INDUSTRY.put(Industry.EDUCATION, List.of("Brightfield Academy Trust", "Ivystone Learning",
                "Lanternhill University Press", "Oakmere College", "Summit Scholars Institute",
                "Quadrant Learning Labs"));
        BY_INDUSTRY.put(Industry.MEDIA_ENTERTAINMENT, List.of("Silver Reel Studios", "Bluehour Media",
                "Foxhollow Pictures", "Soundcrest Records", "Paperlantern Publishing", "Halftone Broadcast Group",
                "Ninefold Games"));
        for (Industry industry : Industry.values()) {
            if (!BY_INDUSTRY.containsKey(industry)) {
                throw new IllegalStateException("no sample companies for " + industry);
            }
        }
    }

    private Companies() {
    }

    static List<String> of(Industry industry) {
        return BY_INDUSTRY.get(industry);
    }
}
