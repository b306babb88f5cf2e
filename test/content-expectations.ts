// The worksheets' text as the source prints it: what the tests expect to see.
export const EXPECTED_CARDS: { step: number; id: string; question: string; prompts: string[]; explanation?: string }[] = [
  { step: 1, id: 't1-mal', question: 'Hva er målet vårt?', prompts: ['Hvordan kan vi beskrive utfordringen?', 'Hva bør vi oppnå?'] },
  {
    step: 1,
    id: 't1-forankring',
    question: 'Hvordan kan vi sikre god forankring?',
    prompts: ['Hvordan kan vi planlegge for en god beslutningsprosess og forankring av resultatene i ledelsen og i hele virksomheten?'],
  },
  {
    step: 1,
    id: 't1-team',
    question: 'Hvordan kan vi bygge et godt team?',
    prompts: [
      'Hvilke kompetanser og ferdigheter har teamet behov for og hvordan kan vi best jobbe sammen?',
      'Hvordan blir vi enige om roller, ansvarsområder og ledelse?',
    ],
  },
  {
    step: 2,
    id: 't2-forsta',
    question: 'Hvordan kan vi forstå behovene?',
    prompts: ['Hvem er berørt av utfordringen vi ønsker å ta fatt på?', 'Hvem kan vi snakke med for å forstå behovene?'],
  },
  { step: 2, id: 't2-metoder', question: 'Hvilke metoder kan vi bruke?', prompts: ['Hvilke spørsmål bør vi stille?'] },
  {
    step: 2,
    id: 't2-formidle',
    question: 'Hvordan kan vi formidle behovene?',
    explanation:
      'Ny innsikt og forståelse for behov danner grunnlag for innovasjonsarbeidet. Det skal formidles for ledelse og virksomhet for å sikre en felles forståelse og retning for det videre arbeidet.',
    prompts: ['Hvordan kan vi formidle innsikt og behov?', 'For hvem og hvordan?'],
  },
  {
    step: 3,
    id: 't3-inspirasjon',
    question: 'Hvilke løsninger finnes allerede som vi kan hente inspirasjon fra?',
    prompts: [
      'Er det andre kommuner med samme utfordring?',
      'Har vi hørt om noen som jobber med det samme problemet som vi kan snakke med?',
    ],
  },
  {
    step: 3,
    id: 't3-teste',
    question: 'Hvordan kan vi teste løsningene?',
    prompts: ['Hva slags metoder og verktøy kan være aktuelle for å teste løsningen?'],
  },
  {
    step: 3,
    id: 't3-samarbeid',
    question: 'Hvordan kan vi samarbeide om å skape løsninger på våre utfordringer?',
    prompts: ['Hvem kan vi invitere inn, og hvordan legger vi til rette for samarbeid og samskaping?'],
  },
  {
    step: 4,
    id: 't4-implementere',
    question: 'Hvordan skal vi gå frem for å implementere løsningen?',
    explanation: 'Når nye løsninger tas i bruk, er det viktig å avklare følgende:',
    prompts: [
      'Er det nødvendig med endringer i rammeverk, rutiner og strukturer for at implementeringen skal være vellykket?',
      'Hvem er ansvarlig for hva?',
    ],
  },
  {
    step: 4,
    id: 't4-folge-med',
    question: 'Hvordan kan vi følge med på om den nye løsningen fungerer, og samle innspill underveis?',
    explanation:
      'Når løsningen er i drift er det lurt å etablere en struktur for å samle innspill til justeringer fra både brukere og ansatte. Legg gjerne opp til kontinuerlig forbedring av løsningen.',
    prompts: [
      'Hvordan kan vi samle tilbakemeldinger?',
      'Hva lærte vi av prosessen, og hva kan vi gjøre annerledes i fremtiden?',
    ],
  },
];

export const STEP_TITLES = ['Legg grunnlaget', 'Identifiser behov', 'Utforsk muligheter', 'Realisere'];
