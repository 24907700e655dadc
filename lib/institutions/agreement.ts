import type { Locale } from '@/lib/i18n/locales';

// Seed 000 §2.4 vi: a click-wrap agreement; the application stores the version and the time it
// was accepted. A change to the text needs a new version.
export const AGREEMENT_VERSION = '2026-11';

export type AgreementText = { title: string; clauses: string[] };

export const AGREEMENT_TEXT: Record<Locale, AgreementText> = {
  en: {
    title: 'Agreement for institutions publishing on Sanad',
    clauses: [
      'The institution registers on Sanad to publish digital awards (certificates, mark sheets and similar records) to the lockers of its students, and to let verifiers check them with the students’ consent.',
      'The institution confirms that the account owner (nodal officer) and the authorized persons named in this application act on its behalf, and that it will tell the platform at once when any of them leaves or should lose access.',
      'The institution alone is responsible for the correctness of the award data it uploads and publishes. It will correct or revoke a published award as soon as it learns that the award is wrong.',
      'The institution will publish only awards it has itself conferred, and only in machine-readable form; scanned copies are not accepted.',
      'Personal data, including Aadhaar numbers, will be collected, uploaded and used only for issuing and linking awards, in line with the Aadhaar Act, 2016 and the Digital Personal Data Protection Act, 2023. Sanad stores Aadhaar numbers only in encrypted form and shows only the last four digits.',
      'Sanad signs the published awards with signing keys created for the institution and kept encrypted by the platform. Awards signed with these keys are the institution’s own statements.',
      'The institution will keep the sign-in of its staff secret and will not share one-time codes. Actions taken by its staff on Sanad are recorded in an audit log.',
      'The platform may suspend the institution’s access if this agreement is breached or the registration details turn out to be false. Awards already published remain verifiable unless the institution revokes them.',
      'Published awards and their history are kept for as long as the law requires; a correction creates a new version and never erases the old one.',
      'This agreement is governed by the laws of India.',
    ],
  },
  hi: {
    title: 'सनद पर प्रकाशन करने वाली संस्थाओं के लिए अनुबंध',
    clauses: [
      'संस्था अपने विद्यार्थियों के लॉकर में डिजिटल पुरस्कार (प्रमाणपत्र, अंकपत्र और ऐसे अभिलेख) प्रकाशित करने, और विद्यार्थियों की सहमति से सत्यापनकर्ताओं को उनकी जाँच करने देने के लिए सनद पर पंजीकरण करती है।',
      'संस्था पुष्टि करती है कि इस आवेदन में नामित खाता स्वामी (नोडल अधिकारी) और अधिकृत व्यक्ति उसकी ओर से कार्य करते हैं, और उनमें से किसी के जाने या पहुँच हटाए जाने की आवश्यकता होने पर वह प्लेटफ़ॉर्म को तुरंत सूचित करेगी।',
      'अपलोड और प्रकाशित किए गए पुरस्कार डेटा की शुद्धता की ज़िम्मेदारी केवल संस्था की है। किसी प्रकाशित पुरस्कार के गलत होने का पता चलते ही संस्था उसे सुधारेगी या निरस्त करेगी।',
      'संस्था केवल वही पुरस्कार प्रकाशित करेगी जो उसने स्वयं प्रदान किए हैं, और केवल मशीन-पठनीय रूप में; स्कैन की गई प्रतियाँ स्वीकार नहीं हैं।',
      'आधार संख्या सहित व्यक्तिगत डेटा केवल पुरस्कार जारी करने और जोड़ने के लिए, आधार अधिनियम, 2016 और डिजिटल व्यक्तिगत डेटा संरक्षण अधिनियम, 2023 के अनुसार एकत्र, अपलोड और उपयोग किया जाएगा। सनद आधार संख्या केवल एन्क्रिप्ट करके रखता है और केवल अंतिम चार अंक दिखाता है।',
      'सनद प्रकाशित पुरस्कारों पर संस्था के लिए बनाई गई हस्ताक्षर कुंजियों से हस्ताक्षर करता है, जिन्हें प्लेटफ़ॉर्म एन्क्रिप्ट करके रखता है। इन कुंजियों से हस्ताक्षरित पुरस्कार संस्था के अपने कथन हैं।',
      'संस्था अपने कर्मचारियों का साइन-इन गोपनीय रखेगी और एक-बार के कोड साझा नहीं करेगी। सनद पर उसके कर्मचारियों के कार्य ऑडिट लॉग में दर्ज होते हैं।',
      'इस अनुबंध का उल्लंघन होने या पंजीकरण विवरण झूठे पाए जाने पर प्लेटफ़ॉर्म संस्था की पहुँच निलंबित कर सकता है। पहले से प्रकाशित पुरस्कार तब तक सत्यापन योग्य रहते हैं जब तक संस्था उन्हें निरस्त न करे।',
      'प्रकाशित पुरस्कार और उनका इतिहास कानून द्वारा अपेक्षित अवधि तक रखे जाते हैं; सुधार एक नया संस्करण बनाता है और पुराने को कभी मिटाता नहीं।',
      'यह अनुबंध भारत के कानूनों द्वारा शासित है।',
    ],
  },
};

/** The agreement as plain text, for the email the applicant keeps (seed 000 §2.4 vi). */
export function agreementPlainText(locale: Locale): string {
  const a = AGREEMENT_TEXT[locale];
  return [`${a.title} (${AGREEMENT_VERSION})`, ...a.clauses.map((c, i) => `${i + 1}. ${c}`)].join(
    '\n\n',
  );
}
