"""Dutch and English texts for the corporate template and logo checks (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

BRAND_TEXTS: dict[str, dict[str, str]] = {
    "brand.template_extension": {
        "nl": "een sjabloon moet een PowerPoint-bestand zijn (.pptx of .potx), niet {ext}",
        "en": "a template must be a PowerPoint file (.pptx or .potx), not {ext}"},
    "brand.not_a_presentation": {
        "nl": "het bestand kan niet als PowerPoint-sjabloon worden gebruikt: het is {kind}; verwacht .pptx of .potx",
        "en": "the file cannot be used as a PowerPoint template: it is {kind}; expected .pptx or .potx"},
    "brand.template_unusable": {
        "nl": "het sjabloon kan niet als PowerPoint-bestand worden geopend ({detail}); sla het opnieuw op in "
              "PowerPoint of LibreOffice",
        "en": "the template cannot be opened as a PowerPoint file ({detail}); save it again in PowerPoint "
              "or LibreOffice"},
    "brand.limit_zip_members": {
        "nl": "het sjabloon bestaat uit {count} onderdelen; de limiet is {limit} (een zip-bom?)",
        "en": "the template consists of {count} parts; the limit is {limit} (a zip bomb?)"},
    "brand.limit_uncompressed": {
        "nl": "uitgepakt is het sjabloon {size} MB; de limiet is {limit} MB (een zip-bom?)",
        "en": "unpacked, the template is {size} MB; the limit is {limit} MB (a zip bomb?)"},
    "brand.damaged_part": {
        "nl": "onderdeel '{part}' van het sjabloon is beschadigd of onleesbaar; sla het sjabloon opnieuw op",
        "en": "part '{part}' of the template is damaged or unreadable; save the template again"},
    "brand.zip_part_unsupported": {
        "nl": "onderdeel '{part}' is versleuteld of op een onbekende manier ingepakt; sla het sjabloon "
              "opnieuw op in PowerPoint of LibreOffice",
        "en": "part '{part}' is encrypted or packed in an unknown way; save the template again in "
              "PowerPoint or LibreOffice"},
    "brand.xml_dtd": {
        "nl": "onderdeel '{part}' bevat een XML-documenttypedefinitie (DTD); die komt in gewone "
              "presentaties niet voor en wordt om veiligheidsredenen geweigerd",
        "en": "part '{part}' contains an XML document type definition (DTD); ordinary presentations "
              "have none, and it is refused for security"},
    "brand.links_removed": {
        "nl": "{count} externe koppeling(en) uit het sjabloon '{name}' verwijderd: de presentatie haalt bij "
              "openen niets van internet op.",
        "en": "{count} external link(s) removed from the template '{name}': the deck fetches nothing from the "
              "internet when it is opened."},
    "brand.logo_extension": {
        "nl": "een logo moet een PNG- of JPEG-afbeelding zijn, niet {ext}",
        "en": "a logo must be a PNG or JPEG image, not {ext}"},
    "brand.logo_not_an_image": {
        "nl": "het logo kan niet als PNG- of JPEG-afbeelding worden gelezen",
        "en": "the logo cannot be read as a PNG or JPEG image"},
    "brand.logo_too_large": {
        "nl": "het logo is {width} × {height} pixels ({megapixels} megapixel); de limiet is {limit} megapixel "
              "(bijvoorbeeld {side} × {side} pixels); verklein het logo en upload het opnieuw",
        "en": "the logo is {width} × {height} pixels ({megapixels} megapixels); the limit is {limit} megapixels "
              "(for example {side} × {side} pixels); make the logo smaller and upload it again"},
    "kind.spreadsheet": {"nl": "een Excel-werkmap", "en": "an Excel workbook"},
    "kind.zip_no_presentation": {"nl": "een zip-archief zonder presentatie", "en": "a zip archive without a presentation"},
    "kind.legacy_office": {
        "nl": "een oud Office-bestand (.ppt, .doc, .xls) of een met een wachtwoord beveiligd bestand",
        "en": "an old Office file (.ppt, .doc, .xls) or a password-protected file"},
    "kind.not_office": {"nl": "geen Office-bestand", "en": "not an Office file"},
}
