// The reader site's own words, per language; content comes from the API in its own language.

const STRINGS = {
  en: {
    siteName: "Medical articles",
    skip: "Skip to content",
    languages: "Languages",
    loading: "Loading…",
    allArticles: "All articles",
    noArticles: "No articles in this language yet.",
    notFound: "This article could not be found.",
    failed: "The content could not be loaded. Please try again later.",
    treatmentOptions: "Treatment options",
    procedures: "Procedures",
    centres: "Partner centres offering this treatment",
    noCentres: "No partner centre is listed for this treatment yet.",
    website: "Website",
    reviewedBy: "Medically reviewed by",
    lastReviewed: "Last reviewed",
    nextReview: "Next review due",
    reviewOverdue: "This article's medical review is overdue.",
    notReviewed: "This article has not been medically reviewed yet.",
    medicalReview: "Medical review",
    published: "First published",
    by: "By",
    condition: "Condition",
    references: "References",
    disclaimerTitle: "Medical disclaimer",
    disclaimer:
      "This article is for general information only and is not medical advice. It cannot replace a consultation " +
      "with a doctor who knows your situation. If you think you may have a medical emergency, call your local " +
      "emergency number.",
    previewBanner: "Preview: this is an unpublished draft. Readers cannot see it.",
    previewInvalid: "This preview link is invalid or has expired. Press Preview in the CMS again.",
    footer: "Articles are written by editors and reviewed by clinicians.",
  },
  es: {
    siteName: "Artículos médicos",
    skip: "Saltar al contenido",
    languages: "Idiomas",
    loading: "Cargando…",
    allArticles: "Todos los artículos",
    noArticles: "Todavía no hay artículos en este idioma.",
    notFound: "No se ha encontrado este artículo.",
    failed: "No se pudo cargar el contenido. Inténtelo de nuevo más tarde.",
    treatmentOptions: "Opciones de tratamiento",
    procedures: "Procedimientos",
    centres: "Centros asociados que ofrecen este tratamiento",
    noCentres: "Todavía no hay ningún centro asociado para este tratamiento.",
    website: "Sitio web",
    reviewedBy: "Revisión médica de",
    lastReviewed: "Última revisión",
    nextReview: "Próxima revisión",
    reviewOverdue: "La revisión médica de este artículo está pendiente.",
    notReviewed: "Este artículo aún no ha sido revisado por un médico.",
    medicalReview: "Revisión médica",
    published: "Publicado por primera vez",
    by: "Por",
    condition: "Enfermedad",
    references: "Referencias",
    disclaimerTitle: "Aviso médico",
    disclaimer:
      "Este artículo es solo informativo y no constituye consejo médico. No sustituye la consulta con un médico " +
      "que conozca su situación. Si cree que tiene una urgencia médica, llame al número de emergencias local.",
    previewBanner: "Vista previa: borrador no publicado. Los lectores no pueden verlo.",
    previewInvalid: "Este enlace de vista previa no es válido o ha caducado. Pulse de nuevo Vista previa en el CMS.",
    footer: "Los artículos los escriben editores y los revisan profesionales médicos.",
  },
  de: {
    siteName: "Medizinische Artikel",
    skip: "Zum Inhalt springen",
    languages: "Sprachen",
    loading: "Wird geladen…",
    allArticles: "Alle Artikel",
    noArticles: "In dieser Sprache gibt es noch keine Artikel.",
    notFound: "Dieser Artikel wurde nicht gefunden.",
    failed: "Der Inhalt konnte nicht geladen werden. Bitte versuchen Sie es später erneut.",
    treatmentOptions: "Behandlungsmöglichkeiten",
    procedures: "Verfahren",
    centres: "Partnerzentren, die diese Behandlung anbieten",
    noCentres: "Für diese Behandlung ist noch kein Partnerzentrum eingetragen.",
    website: "Website",
    reviewedBy: "Medizinisch geprüft von",
    lastReviewed: "Zuletzt geprüft",
    nextReview: "Nächste Prüfung fällig",
    reviewOverdue: "Die medizinische Prüfung dieses Artikels ist überfällig.",
    notReviewed: "Dieser Artikel wurde noch nicht medizinisch geprüft.",
    medicalReview: "Medizinische Prüfung",
    published: "Erstveröffentlichung",
    by: "Von",
    condition: "Erkrankung",
    references: "Quellen",
    disclaimerTitle: "Medizinischer Hinweis",
    disclaimer:
      "Dieser Artikel dient nur der allgemeinen Information und ist keine medizinische Beratung. Er ersetzt nicht " +
      "das Gespräch mit einer Ärztin oder einem Arzt. Wählen Sie im Notfall die örtliche Notrufnummer.",
    previewBanner: "Vorschau: ein unveröffentlichter Entwurf. Leser sehen ihn nicht.",
    previewInvalid: "Dieser Vorschaulink ist ungültig oder abgelaufen. Klicken Sie im CMS erneut auf Vorschau.",
    footer: "Die Artikel werden von der Redaktion verfasst und von Fachleuten medizinisch geprüft.",
  },
  fr: {
    siteName: "Articles médicaux",
    skip: "Aller au contenu",
    languages: "Langues",
    loading: "Chargement…",
    allArticles: "Tous les articles",
    noArticles: "Aucun article dans cette langue pour l'instant.",
    notFound: "Cet article est introuvable.",
    failed: "Le contenu n'a pas pu être chargé. Veuillez réessayer plus tard.",
    treatmentOptions: "Options de traitement",
    procedures: "Interventions",
    centres: "Centres partenaires proposant ce traitement",
    noCentres: "Aucun centre partenaire n'est encore indiqué pour ce traitement.",
    website: "Site web",
    reviewedBy: "Relu médicalement par",
    lastReviewed: "Dernière relecture",
    nextReview: "Prochaine relecture prévue",
    reviewOverdue: "La relecture médicale de cet article est en retard.",
    notReviewed: "Cet article n'a pas encore été relu par un médecin.",
    medicalReview: "Relecture médicale",
    published: "Première publication",
    by: "Par",
    condition: "Maladie",
    references: "Références",
    disclaimerTitle: "Avertissement médical",
    disclaimer:
      "Cet article est fourni à titre d'information générale et ne constitue pas un avis médical. Il ne remplace " +
      "pas une consultation. En cas d'urgence, appelez le numéro d'urgence local.",
    previewBanner: "Aperçu : brouillon non publié, invisible pour les lecteurs.",
    previewInvalid: "Ce lien d'aperçu est invalide ou a expiré. Cliquez à nouveau sur Aperçu dans le CMS.",
    footer: "Les articles sont rédigés par la rédaction et relus par des médecins.",
  },
  ar: {
    siteName: "مقالات طبية",
    skip: "انتقل إلى المحتوى",
    languages: "اللغات",
    loading: "جارٍ التحميل…",
    allArticles: "كل المقالات",
    noArticles: "لا توجد مقالات بهذه اللغة بعد.",
    notFound: "تعذر العثور على هذا المقال.",
    failed: "تعذر تحميل المحتوى. يرجى المحاولة لاحقًا.",
    treatmentOptions: "خيارات العلاج",
    procedures: "الإجراءات",
    centres: "المراكز الشريكة التي تقدم هذا العلاج",
    noCentres: "لم يُدرج أي مركز شريك لهذا العلاج بعد.",
    website: "الموقع الإلكتروني",
    reviewedBy: "راجعه طبيًا",
    lastReviewed: "آخر مراجعة",
    nextReview: "المراجعة القادمة",
    reviewOverdue: "تأخرت المراجعة الطبية لهذا المقال.",
    notReviewed: "لم تتم مراجعة هذا المقال طبيًا بعد.",
    medicalReview: "المراجعة الطبية",
    published: "نُشر لأول مرة",
    by: "بقلم",
    condition: "الحالة",
    references: "المراجع",
    disclaimerTitle: "إخلاء مسؤولية طبية",
    disclaimer:
      "هذا المقال للمعلومات العامة فقط وليس نصيحة طبية، ولا يغني عن استشارة طبيب يعرف حالتك. " +
      "إذا كنت تعتقد أنك في حالة طوارئ طبية، فاتصل برقم الطوارئ المحلي.",
    previewBanner: "معاينة: هذه مسودة غير منشورة ولا يراها القراء.",
    previewInvalid: "رابط المعاينة غير صالح أو انتهت صلاحيته. اضغط على معاينة في نظام إدارة المحتوى مرة أخرى.",
    footer: "يكتب المحررون المقالات ويراجعها أطباء.",
  },
};

const RTL = new Set(["ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "ug"]);

export function baseLanguage(code) {
  return (code || "en").toLowerCase().split("-")[0];
}

/** The UI text `key` in `language`, falling back to English. */
export function t(language, key) {
  const table = STRINGS[baseLanguage(language)] || STRINGS.en;
  return table[key] ?? STRINGS.en[key] ?? key;
}

export function directionOf(code) {
  return RTL.has(baseLanguage(code)) ? "rtl" : "ltr";
}

/** "29 October 2023" in the reader's language; "" for a missing or bad date. */
export function formatDate(value, language) {
  if (!value) return "";
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** Set <html lang dir> and the UI strings marked with data-i18n (text) or data-i18n-label (aria-label). */
export function applyLanguage(language, direction) {
  const root = document.documentElement;
  root.lang = language;
  root.dir = direction || directionOf(language);
  for (const element of document.querySelectorAll("[data-i18n]")) {
    element.textContent = t(language, element.dataset.i18n);
  }
  for (const element of document.querySelectorAll("[data-i18n-label]")) {
    element.setAttribute("aria-label", t(language, element.dataset.i18nLabel));
  }
}
