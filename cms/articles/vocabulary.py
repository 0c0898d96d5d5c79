"""The treatment-modality vocabulary every installation starts with.

Editors may add modalities and synonyms in the admin; this list is only the seed.
"""

MODALITIES = [
    {
        "slug": "surgery",
        "name": "Surgery",
        "schema_type": "SurgicalProcedure",
        "synonyms": ["surgical treatment", "operation", "resection", "surgical resection"],
    },
    {
        "slug": "radiation-therapy",
        "name": "Radiation therapy",
        "schema_type": "RadiationTherapy",
        "synonyms": ["radiotherapy", "radiation", "radiation treatment", "irradiation"],
    },
    {
        "slug": "chemotherapy",
        "name": "Chemotherapy",
        "schema_type": "MedicalTherapy",
        "synonyms": ["chemo", "cytotoxic therapy"],
    },
    {
        "slug": "targeted-therapy",
        "name": "Targeted therapy",
        "schema_type": "MedicalTherapy",
        "synonyms": ["targeted drug therapy", "molecular targeted therapy", "targeted treatment"],
    },
    {
        "slug": "immunotherapy",
        "name": "Immunotherapy",
        "schema_type": "MedicalTherapy",
        "synonyms": ["immune therapy", "immuno-oncology", "checkpoint inhibitors", "biological therapy"],
    },
    {
        "slug": "hormone-therapy",
        "name": "Hormone therapy",
        "schema_type": "MedicalTherapy",
        "synonyms": ["hormonal therapy", "endocrine therapy", "hormone treatment"],
    },
    {
        "slug": "palliative-care",
        "name": "Palliative care",
        "schema_type": "MedicalTherapy",
        "synonyms": ["supportive care", "symptom management"],
    },
]
