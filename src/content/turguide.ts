// KS – Turguide for innovasjon, the text of the five printed worksheets.
// The content belongs to KS; it is credited wherever the guide is shown.
import { msg } from '@lit/localize';
import type { GuideContent, GuideStep } from './types.js';

export const turguide: GuideContent = {
  introduction: {
    title: () => msg('Turguide for innovasjon', { id: 'intro.title' }),
    paragraphs: [
      () =>
        msg(
          'Å sette i gang og drive innovasjonsprosesser kan oppfattes som overveldende. Men det kan sammenlignes med å legge ut på en tur – det kan være en lang ekspedisjon eller bare en kort tur i skogen. Det er uansett lurt å planlegge, ta med det man trenger og tilpasse seg landskapet. De fleste turopplevelsene er i tillegg bedre når vi har noen å støtte oss på og dele dem med. Slik er det også med innovasjon.',
          { id: 'intro.p1' },
        ),
      () =>
        msg(
          'KS har laget en turguide for innovasjon for å hjelpe deg i gang og bidra til at dere får en trygg tur. Her finner dere tips og henvisninger til verktøy.',
          { id: 'intro.p2' },
        ),
      () => msg('Riktig god tur!', { id: 'intro.p3' }),
    ],
    instructionsLead: () =>
      msg(
        'Disse fem arbeidsarkene gir en introduksjon til verktøyet, og kan benyttes til refleksjon for utviklingsprosjekter:',
        { id: 'intro.instructions-lead' },
      ),
    instructions: [
      () =>
        msg(
          'Gå gjennom de fem arbeidsarkene sammen, på skjermen eller skrevet ut og hengt opp på en vegg eller lagt ut over et bord.',
          { id: 'intro.instruction1' },
        ),
      () =>
        msg('Reflekter over spørsmålene sammen og bruk lappene for å dokumentere svarene.', {
          id: 'intro.instruction2',
        }),
      () =>
        msg(
          'Fortsett turen! Følg opp refleksjoner og ideer fra utviklingsarbeidet, og bruk Innovasjonsguiden som støtte underveis.',
          { id: 'intro.instruction3' },
        ),
    ],
  },
  steps: [
    {
      number: 1,
      title: () => msg('Legg grunnlaget', { id: 't1.title' }),
      intro: () =>
        msg(
          'Før vi starter innovasjonsarbeidet er det viktig at vi legger et godt grunnlag. Det er relevant å vurdere hvem som skal være med i teamet, og hvordan vi forankrer prosjektet hos ledelsen og i den øvrige virksomheten. Det er viktig å sette seg et mål for å vite hvilken retning dere skal gå. Målene kan endre seg underveis, men det er viktig å ha et utgangspunkt. Godt forarbeid styrker forutsetninger for å lykkes i innovasjonsarbeidet.',
          { id: 't1.intro' },
        ),
      cards: [
        {
          id: 't1-mal',
          question: () => msg('Hva er målet vårt?', { id: 't1-mal.question' }),
          prompts: [
            () => msg('Hvordan kan vi beskrive utfordringen?', { id: 't1-mal.prompt1' }),
            () => msg('Hva bør vi oppnå?', { id: 't1-mal.prompt2' }),
          ],
        },
        {
          id: 't1-forankring',
          question: () => msg('Hvordan kan vi sikre god forankring?', { id: 't1-forankring.question' }),
          prompts: [
            () =>
              msg(
                'Hvordan kan vi planlegge for en god beslutningsprosess og forankring av resultatene i ledelsen og i hele virksomheten?',
                { id: 't1-forankring.prompt1' },
              ),
          ],
        },
        {
          id: 't1-team',
          question: () => msg('Hvordan kan vi bygge et godt team?', { id: 't1-team.question' }),
          prompts: [
            () =>
              msg('Hvilke kompetanser og ferdigheter har teamet behov for og hvordan kan vi best jobbe sammen?', {
                id: 't1-team.prompt1',
              }),
            () => msg('Hvordan blir vi enige om roller, ansvarsområder og ledelse?', { id: 't1-team.prompt2' }),
          ],
        },
      ],
    },
    {
      number: 2,
      title: () => msg('Identifiser behov', { id: 't2.title' }),
      intro: () =>
        msg(
          'Når vi arbeider med en utfordring, er det viktig å bruke tid på å forstå behovene som ligger bak. På den måten sikrer vi at prosessen holder riktig retning.',
          { id: 't2.intro' },
        ),
      cards: [
        {
          id: 't2-forsta',
          question: () => msg('Hvordan kan vi forstå behovene?', { id: 't2-forsta.question' }),
          prompts: [
            () => msg('Hvem er berørt av utfordringen vi ønsker å ta fatt på?', { id: 't2-forsta.prompt1' }),
            () => msg('Hvem kan vi snakke med for å forstå behovene?', { id: 't2-forsta.prompt2' }),
          ],
        },
        {
          id: 't2-metoder',
          question: () => msg('Hvilke metoder kan vi bruke?', { id: 't2-metoder.question' }),
          prompts: [() => msg('Hvilke spørsmål bør vi stille?', { id: 't2-metoder.prompt1' })],
        },
        {
          id: 't2-formidle',
          question: () => msg('Hvordan kan vi formidle behovene?', { id: 't2-formidle.question' }),
          explanation: () =>
            msg(
              'Ny innsikt og forståelse for behov danner grunnlag for innovasjonsarbeidet. Det skal formidles for ledelse og virksomhet for å sikre en felles forståelse og retning for det videre arbeidet.',
              { id: 't2-formidle.explanation' },
            ),
          prompts: [
            () => msg('Hvordan kan vi formidle innsikt og behov?', { id: 't2-formidle.prompt1' }),
            () => msg('For hvem og hvordan?', { id: 't2-formidle.prompt2' }),
          ],
        },
      ],
    },
    {
      number: 3,
      title: () => msg('Utforsk muligheter', { id: 't3.title' }),
      intro: () =>
        msg(
          'Med en god forståelse for behov og utfordringer er vi rustet til å jobbe med å finne de riktige løsningene. Vi kan lære av andre som har løst liknende utfordringer, og involvere ulike aktører i utviklingen av løsninger som fungerer over tid. For å oppnå dette må vi teste tidlig og justere etter tilbakemeldinger.',
          { id: 't3.intro' },
        ),
      cards: [
        {
          id: 't3-inspirasjon',
          question: () =>
            msg('Hvilke løsninger finnes allerede som vi kan hente inspirasjon fra?', {
              id: 't3-inspirasjon.question',
            }),
          prompts: [
            () => msg('Er det andre kommuner med samme utfordring?', { id: 't3-inspirasjon.prompt1' }),
            () =>
              msg('Har vi hørt om noen som jobber med det samme problemet som vi kan snakke med?', {
                id: 't3-inspirasjon.prompt2',
              }),
          ],
        },
        {
          id: 't3-teste',
          question: () => msg('Hvordan kan vi teste løsningene?', { id: 't3-teste.question' }),
          prompts: [
            () =>
              msg('Hva slags metoder og verktøy kan være aktuelle for å teste løsningen?', {
                id: 't3-teste.prompt1',
              }),
          ],
        },
        {
          id: 't3-samarbeid',
          question: () =>
            msg('Hvordan kan vi samarbeide om å skape løsninger på våre utfordringer?', {
              id: 't3-samarbeid.question',
            }),
          prompts: [
            () =>
              msg('Hvem kan vi invitere inn, og hvordan legger vi til rette for samarbeid og samskaping?', {
                id: 't3-samarbeid.prompt1',
              }),
          ],
        },
      ],
    },
    {
      number: 4,
      title: () => msg('Realisere', { id: 't4.title' }),
      intro: () =>
        msg(
          'Dere har nådd målet med turen - gratulerer! På dette tidspunktet har dere vært i landskapet, og taklet ulike utfordringer underveis. Resultatet er en løsning som vi vet dekker brukernes behov, og er tilpasset systemet og aktørene. Da gjenstår det bare å sette det hele i praksis!',
          { id: 't4.intro' },
        ),
      cards: [
        {
          id: 't4-implementere',
          question: () =>
            msg('Hvordan skal vi gå frem for å implementere løsningen?', { id: 't4-implementere.question' }),
          explanation: () =>
            msg('Når nye løsninger tas i bruk, er det viktig å avklare følgende:', {
              id: 't4-implementere.explanation',
            }),
          prompts: [
            () =>
              msg(
                'Er det nødvendig med endringer i rammeverk, rutiner og strukturer for at implementeringen skal være vellykket?',
                { id: 't4-implementere.prompt1' },
              ),
            () => msg('Hvem er ansvarlig for hva?', { id: 't4-implementere.prompt2' }),
          ],
        },
        {
          id: 't4-folge-med',
          question: () =>
            msg('Hvordan kan vi følge med på om den nye løsningen fungerer, og samle innspill underveis?', {
              id: 't4-folge-med.question',
            }),
          explanation: () =>
            msg(
              'Når løsningen er i drift er det lurt å etablere en struktur for å samle innspill til justeringer fra både brukere og ansatte. Legg gjerne opp til kontinuerlig forbedring av løsningen.',
              { id: 't4-folge-med.explanation' },
            ),
          prompts: [
            () => msg('Hvordan kan vi samle tilbakemeldinger?', { id: 't4-folge-med.prompt1' }),
            () =>
              msg('Hva lærte vi av prosessen, og hva kan vi gjøre annerledes i fremtiden?', {
                id: 't4-folge-med.prompt2',
              }),
          ],
        },
      ],
    },
  ] satisfies GuideStep[],
};

/** Every card id of a guide's content. */
export const cardIdsOf = (content: GuideContent): ReadonlySet<string> =>
  new Set(content.steps.flatMap((step) => step.cards.map((card) => card.id)));

/** The step a card belongs to, or undefined. */
export const stepOfCard = (content: GuideContent, cardId: string): GuideStep | undefined =>
  content.steps.find((step) => step.cards.some((card) => card.id === cardId));
