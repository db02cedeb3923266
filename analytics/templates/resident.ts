/** The resident barometer: quality of life, pride of belonging, willingness to speak for the place, image. */
import { agree5, comment, hexagon, profile, rated, satisfied5, versus } from './blocks.ts';
import type { SurveyTemplate } from './template.ts';

const concerned = { dontKnow: true } as const;

export const residentBarometer: SurveyTemplate = {
  id: 'resident-barometer',
  audience: 'resident',
  name: { fr: 'Baromètre des habitants', en: 'Resident barometer' },
  summary: {
    fr: 'Qualité de vie et services, fierté d’appartenance, envie d’en parler autour de soi, image, et l’âge pour pondérer sur la population.',
    en: 'Quality of life and services, pride of belonging, willingness to speak for the place, image, and age to weight to the population.',
  },
  minutes: 3,
  title: { fr: 'Vivre à {place} : votre avis', en: 'Living in {place}: your view' },
  intro: {
    fr: 'Trois minutes pour dire comment vous vivez votre territoire. Vos réponses sont anonymes.',
    en: 'Three minutes to say how you live in your area. Your answers are anonymous.',
  },
  blocks: [
    {
      id: 'recommend',
      title: { fr: 'Recommandation', en: 'Recommendation' },
      why: {
        fr: 'Le Net Promoter Score des habitants : recommanderaient-ils d’y vivre ? Les habitants sont les premiers ambassadeurs du territoire ; leur recommandation se compare à celle des visiteurs et des entreprises.',
        en: 'The residents’ Net Promoter Score: would they recommend living here? Residents are the place’s first ambassadors; their score compares with visitors’ and businesses’.',
      },
      questions: [
        {
          id: 'recommend',
          type: 'nps',
          required: true,
          label: {
            fr: 'Recommanderiez-vous {place} comme lieu de vie à un ami ou à un proche ?',
            en: 'Would you recommend {place} as a place to live to a friend or relative?',
          },
        },
      ],
    },
    {
      id: 'life',
      title: { fr: 'Qualité de vie et services', en: 'Quality of life and services' },
      why: {
        fr: 'La satisfaction des habitants se mesure sur leur quotidien : logement, services publics, déplacements, cadre naturel, vie culturelle. L’indice en est la moyenne ; le détail dit aux services où porter l’effort.',
        en: 'Residents’ satisfaction is measured on daily life: housing, public services, getting around, natural setting, cultural life. The index is their mean; the detail tells departments where to act.',
      },
      questions: [
        rated(
          'satisfaction',
          'housing',
          { fr: 'Le logement : offre et prix', en: 'Housing: supply and prices' },
          satisfied5,
          concerned,
        ),
        rated(
          'satisfaction',
          'services',
          { fr: 'Les services publics : mairie, écoles, santé', en: 'Public services: town hall, schools, health' },
          satisfied5,
          concerned,
        ),
        rated(
          'satisfaction',
          'transport',
          { fr: 'Les transports et les déplacements', en: 'Transport and getting around' },
          satisfied5,
          concerned,
        ),
        rated(
          'satisfaction',
          'nature',
          { fr: 'Le cadre naturel et la propreté', en: 'The natural setting and cleanliness' },
          satisfied5,
          concerned,
        ),
        rated(
          'satisfaction',
          'events',
          { fr: 'La vie culturelle, sportive et associative', en: 'Cultural, sports and community life' },
          satisfied5,
          concerned,
        ),
      ],
    },
    {
      id: 'daily',
      optional: true,
      title: { fr: 'Le quotidien en plus', en: 'More of daily life' },
      why: {
        fr: 'Commerces de proximité et tranquillité publique, pour les communes dont le projet porte sur le centre-ville ou la sécurité. Même indice de satisfaction : les ajouter en cours d’année change la moyenne.',
        en: 'Local shops and public safety, for towns whose plan is about the town centre or safety. Same satisfaction index: adding them mid-year changes the mean.',
      },
      questions: [
        rated('satisfaction', 'shops', { fr: 'Les commerces de proximité', en: 'Local shops' }, satisfied5, concerned),
        rated(
          'satisfaction',
          'safety',
          { fr: 'La sécurité et la tranquillité', en: 'Safety and peace and quiet' },
          satisfied5,
          concerned,
        ),
      ],
    },
    {
      id: 'belonging',
      title: { fr: 'Fierté d’appartenance', en: 'Pride of belonging' },
      why: {
        fr: 'La valeur que les habitants trouvent à leur territoire, sur les quatre faces de PERVAL : qualité de ce qu’il offre, attachement (la fierté d’y vivre), image sociale (ce que cela dit de soi) et coût de la vie. Un habitant fier et convaincu est celui qui parle du territoire autour de lui : c’est sur lui que s’appuie une démarche d’ambassadeurs.',
        en: 'The value residents find in their place, on PERVAL’s four sides: quality of what it offers, attachment (pride in living there), social standing, and cost of living. A proud, convinced resident is the one who speaks for the place: an ambassador programme builds on them.',
      },
      questions: [
        rated(
          'value',
          'quality',
          {
            fr: 'Ce que {place} offre à ses habitants est de bonne qualité.',
            en: 'What {place} offers its residents is of good quality.',
          },
          agree5,
        ),
        rated(
          'value',
          'emotional',
          { fr: 'Je suis fier ou fière d’habiter ici.', en: 'I am proud to live here.' },
          agree5,
        ),
        rated(
          'value',
          'social',
          { fr: 'Dire où j’habite fait bonne impression.', en: 'Saying where I live makes a good impression.' },
          agree5,
        ),
        rated(
          'value',
          'price',
          {
            fr: 'Pour ce qu’il en coûte d’y vivre, la qualité de vie est bonne.',
            en: 'For what it costs to live here, the quality of life is good.',
          },
          agree5,
        ),
      ],
    },
    {
      id: 'ambassador',
      optional: true,
      title: { fr: 'Devenir ambassadeur', en: 'Becoming an ambassador' },
      why: {
        fr: 'Pour repérer les habitants prêts à porter la marque du territoire (réseau d’ambassadeurs, témoignages). Une question de profil, hors indices ; elle ne recueille aucun contact : l’invitation se fait ailleurs.',
        en: 'To find residents ready to carry the place’s brand (ambassador network, testimonies). A profile question, outside the indices; it collects no contact: the invitation happens elsewhere.',
      },
      questions: [
        profile(
          'ambassador',
          {
            fr: 'Aimeriez-vous faire connaître {place} autour de vous ?',
            en: 'Would you like to help make {place} known?',
          },
          [
            ['yes', 'Oui, volontiers', 'Yes, gladly'],
            ['maybe', 'Peut-être', 'Maybe'],
            ['no', 'Non', 'No'],
          ],
        ),
      ],
    },
    hexagon,
    versus(
      {
        fr: 'Pour y vivre, par rapport à {competitor}, {place} est…',
        en: 'As a place to live, compared with {competitor}, {place} is…',
      },
      {
        fr: 'Facultatif pour les habitants : la comparaison avec les villes voisines où ils pourraient vivre. Une question par ville nommée ; la valeur relative est la part de « mieux » moins la part de « moins bien ».',
        en: 'Optional for residents: comparison with nearby towns they could live in. One question per named town; relative value is the share of "better" minus the share of "worse".',
      },
      true,
    ),
    {
      id: 'age',
      title: { fr: 'Âge', en: 'Age' },
      why: {
        fr: 'L’âge par tranches du recensement, pour pondérer les réponses sur la population réelle : sans cela les retraités, qui répondent davantage, pèsent trop. Question de profil, hors indices.',
        en: 'Age in census bands, to weight answers to the real population: without it, retired people, who answer more, weigh too much. A profile question, outside the indices.',
      },
      questions: [
        profile('age', { fr: 'Quel âge avez-vous ?', en: 'How old are you?' }, [
          ['a15_29', '15 à 29 ans', '15 to 29'],
          ['a30_44', '30 à 44 ans', '30 to 44'],
          ['a45_59', '45 à 59 ans', '45 to 59'],
          ['a60_74', '60 à 74 ans', '60 to 74'],
          ['a75_plus', '75 ans ou plus', '75 or over'],
        ]),
      ],
    },
    comment,
  ],
};
