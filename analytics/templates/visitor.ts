/** The visitor barometer: how visitors rate their stay, see the place, value it and rank it against its rivals. */
import { agree5, comment, hexagon, notConcerned, profile, rated, satisfied5, versus } from './blocks.ts';
import type { SurveyTemplate } from './template.ts';

export const visitorBarometer: SurveyTemplate = {
  id: 'visitor-barometer',
  audience: 'visitor',
  name: { fr: 'Baromètre des visiteurs', en: 'Visitor barometer' },
  summary: {
    fr: 'Recommandation, satisfaction du séjour, image, valeur perçue, comparaison avec les destinations concurrentes et provenance.',
    en: 'Recommendation, satisfaction with the stay, image, perceived value, comparison with rival destinations, and where visitors come from.',
  },
  minutes: 3,
  title: { fr: 'Votre séjour à {place}', en: 'Your stay in {place}' },
  intro: {
    fr: 'Trois minutes pour nous dire comment s’est passé votre séjour. Vos réponses sont anonymes.',
    en: 'Three minutes to tell us how your stay went. Your answers are anonymous.',
  },
  blocks: [
    {
      id: 'recommend',
      title: { fr: 'Recommandation', en: 'Recommendation' },
      why: {
        fr: 'La question du Net Promoter Score : la seule obligatoire, la plus comparable d’une année à l’autre et d’une destination à l’autre. Le bouche-à-oreille est ce qu’un visiteur satisfait rend à la destination ; c’est aussi le résultat auquel le rapport rapporte chaque attribut du séjour.',
        en: 'The Net Promoter Score question: the only required one, the most comparable from year to year and between destinations. Word of mouth is what a satisfied visitor gives back; the report also relates each attribute of the stay to it.',
      },
      questions: [
        {
          id: 'recommend',
          type: 'nps',
          required: true,
          label: {
            fr: 'Recommanderiez-vous {place} à un ami ou à un proche ?',
            en: 'Would you recommend {place} to a friend or relative?',
          },
        },
      ],
    },
    {
      id: 'stay',
      title: { fr: 'Satisfaction du séjour', en: 'Satisfaction with the stay' },
      why: {
        fr: 'Chaque attribut du séjour noté séparément : l’indice de satisfaction en est la moyenne, et le détail montre où agir. « Non concerné » compte comme une absence de réponse, pour que la personne venue pour la journée ne note pas les hôtels.',
        en: 'Each attribute of the stay rated on its own: the satisfaction index is their mean, and the detail shows where to act. "Not concerned" counts as no answer, so a day visitor does not rate the hotels.',
      },
      questions: [
        rated(
          'satisfaction',
          'welcome',
          {
            fr: 'L’accueil : office de tourisme, commerçants, habitants',
            en: 'The welcome: tourist office, shopkeepers, locals',
          },
          satisfied5,
          notConcerned,
        ),
        rated(
          'satisfaction',
          'accommodation',
          { fr: 'Votre hébergement', en: 'Your accommodation' },
          satisfied5,
          notConcerned,
        ),
        rated(
          'satisfaction',
          'food',
          { fr: 'Les restaurants et la cuisine locale', en: 'Restaurants and local food' },
          satisfied5,
          notConcerned,
        ),
        rated(
          'satisfaction',
          'heritage',
          { fr: 'Les sites, monuments et musées', en: 'Sights, monuments and museums' },
          satisfied5,
          notConcerned,
        ),
        rated(
          'satisfaction',
          'transport',
          {
            fr: 'Se déplacer sur place : transports, stationnement, signalisation',
            en: 'Getting around: transport, parking, signposting',
          },
          satisfied5,
          notConcerned,
        ),
      ],
    },
    {
      id: 'stay-more',
      optional: true,
      title: { fr: 'Autres attributs du séjour', en: 'More attributes of the stay' },
      why: {
        fr: 'Trois attributs de plus pour les destinations où la nature, les événements ou la propreté comptent dans le choix. Ils entrent dans le même indice de satisfaction ; les ajouter en cours d’année change la moyenne : comparez alors les attributs un par un.',
        en: 'Three more attributes for places where nature, events or cleanliness weigh in the choice. They feed the same satisfaction index; adding them mid-year changes the mean, so compare attributes one by one then.',
      },
      questions: [
        rated(
          'satisfaction',
          'nature',
          { fr: 'Les paysages et les espaces naturels', en: 'Landscapes and natural areas' },
          satisfied5,
          notConcerned,
        ),
        rated(
          'satisfaction',
          'events',
          { fr: 'Les fêtes, festivals et animations', en: 'Festivals, events and entertainment' },
          satisfied5,
          notConcerned,
        ),
        rated(
          'satisfaction',
          'services',
          { fr: 'La propreté et les services sur place', en: 'Cleanliness and local services' },
          satisfied5,
          notConcerned,
        ),
      ],
    },
    hexagon,
    {
      id: 'value',
      title: { fr: 'Ce que le séjour vaut', en: 'What the stay is worth' },
      why: {
        fr: 'La valeur perçue ne se réduit pas au prix : l’échelle PERVAL (Sweeney et Soutar) en distingue quatre faces, la qualité, le plaisir, l’image que l’on en retire auprès des autres et le rapport qualité-prix. C’est l’indice que le plan marketing cherche à rendre durablement supérieur à celui des concurrents.',
        en: 'Perceived value is more than price: the PERVAL scale (Sweeney and Soutar) tells four sides apart, quality, enjoyment, the standing one gains with others, and value for money. It is the index a marketing plan sets out to make durably higher than the competitors’.',
      },
      questions: [
        rated(
          'value',
          'quality',
          { fr: 'Ce que {place} propose est de bonne qualité.', en: 'What {place} offers is of good quality.' },
          agree5,
        ),
        rated('value', 'emotional', { fr: 'Ce séjour m’a fait du bien.', en: 'This stay did me good.' }, agree5),
        rated(
          'value',
          'social',
          {
            fr: 'Avoir séjourné ici fait bonne impression autour de moi.',
            en: 'Having stayed here makes a good impression on people I know.',
          },
          agree5,
        ),
        rated(
          'value',
          'price',
          {
            fr: 'Pour ce que j’ai dépensé, le séjour en valait la peine.',
            en: 'For what I spent, the stay was worth it.',
          },
          agree5,
        ),
      ],
    },
    versus(
      { fr: 'Par rapport à {competitor}, {place} est…', en: 'Compared with {competitor}, {place} is…' },
      {
        fr: 'Le marketing territorial vise une valeur perçue supérieure à celle des concurrents : il faut donc les nommer. Une question par destination concurrente, celles entre lesquelles les visiteurs hésitent vraiment (une à trois). La valeur relative est la part de « mieux » moins la part de « moins bien ».',
        en: 'Territorial marketing aims at a perceived value above the competitors’, so they must be named. One question per rival destination, those visitors really hesitate between (one to three). Relative value is the share of "better" minus the share of "worse".',
      },
    ),
    {
      id: 'origin',
      title: { fr: 'Provenance', en: 'Where visitors come from' },
      why: {
        fr: 'D’où viennent les visiteurs : une question de profil qui n’entre dans aucun indice, mais qui découpe le rapport et permet de pondérer les réponses sur la fréquentation réelle (statistiques de l’office ou de l’INSEE) quand un public est sur-représenté.',
        en: 'Where visitors come from: a profile question that feeds no index, but splits the report and lets answers be weighted to the real attendance (the office’s or national statistics) when one public is over-represented.',
      },
      questions: [
        profile('origin', { fr: 'Où habitez-vous ?', en: 'Where do you live?' }, [
          ['local', 'Dans le département', 'In the département'],
          ['region', 'Ailleurs dans la région', 'Elsewhere in the region'],
          ['france', 'Ailleurs en France', 'Elsewhere in France'],
          ['abroad', 'À l’étranger', 'Abroad'],
        ]),
      ],
    },
    {
      id: 'trip',
      optional: true,
      title: { fr: 'Votre séjour en bref', en: 'Your trip in brief' },
      why: {
        fr: 'Durée, compagnie et première venue : de quoi comparer excursionnistes et séjournants, familles et couples, primo-visiteurs et fidèles. Ce sont des questions de profil, hors indices.',
        en: 'Length, company and first visit: enough to compare day trippers and stayers, families and couples, first-timers and regulars. Profile questions, outside the indices.',
      },
      questions: [
        profile('nights', { fr: 'Combien de nuits passez-vous ici ?', en: 'How many nights are you spending here?' }, [
          ['none', 'Aucune, je viens pour la journée', 'None, I came for the day'],
          ['short', '1 à 3 nuits', '1 to 3 nights'],
          ['week', '4 à 7 nuits', '4 to 7 nights'],
          ['long', 'Plus de 7 nuits', 'More than 7 nights'],
        ]),
        profile('company', { fr: 'Avec qui voyagez-vous ?', en: 'Who did you come with?' }, [
          ['alone', 'En solo', 'Alone'],
          ['couple', 'En couple', 'As a couple'],
          ['family', 'En famille', 'With family'],
          ['friends', 'Entre amis', 'With friends'],
          ['group', 'En groupe organisé', 'On an organised tour'],
        ]),
        profile('first_visit', { fr: 'Est-ce votre première venue ?', en: 'Is this your first visit?' }, [
          ['yes', 'Oui', 'Yes'],
          ['no', 'Non, ce n’est pas la première fois', 'No, I have been before'],
        ]),
      ],
    },
    comment,
  ],
};
