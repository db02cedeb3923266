/** The investor and entrepreneur barometer: the territory's attractiveness factors for a business, its image, its rivals. */
import { agree5, comment, hexagon, profile, rated, satisfied5, versus } from './blocks.ts';
import type { SurveyTemplate } from './template.ts';

const concerned = { dontKnow: true } as const;

export const investorBarometer: SurveyTemplate = {
  id: 'investor-barometer',
  audience: 'investor',
  name: { fr: 'Baromètre des entreprises et investisseurs', en: 'Business and investor barometer' },
  summary: {
    fr: 'Les facteurs d’attractivité pour une entreprise (accès, compétences, immobilier, réseaux, accompagnement, qualité de vie), l’image, et la comparaison avec les territoires concurrents.',
    en: 'Attractiveness factors for a business (access, skills, premises, networks, support, quality of life), image, and comparison with rival territories.',
  },
  minutes: 3,
  title: { fr: 'Entreprendre à {place} : votre regard', en: 'Doing business in {place}: your view' },
  intro: {
    fr: 'Trois minutes pour nous dire ce que le territoire apporte à votre entreprise. Vos réponses sont anonymes.',
    en: 'Three minutes to tell us what the area brings your business. Your answers are anonymous.',
  },
  blocks: [
    {
      id: 'recommend',
      title: { fr: 'Recommandation', en: 'Recommendation' },
      why: {
        fr: 'Le Net Promoter Score des chefs d’entreprise : conseilleraient-ils le territoire à un pair qui cherche où s’implanter ? Les dirigeants déjà installés sont les prescripteurs les plus écoutés des investisseurs.',
        en: 'Business leaders’ Net Promoter Score: would they advise a peer looking for a location to come here? Leaders already in place are the advisers investors listen to most.',
      },
      questions: [
        {
          id: 'recommend',
          type: 'nps',
          required: true,
          label: {
            fr: 'Recommanderiez-vous {place} à un chef d’entreprise qui cherche où s’implanter ?',
            en: 'Would you recommend {place} to a business owner looking for a location?',
          },
        },
      ],
    },
    {
      id: 'factors',
      title: { fr: 'Facteurs d’attractivité', en: 'Attractiveness factors' },
      why: {
        fr: 'Les facteurs qui décident d’une implantation, chacun noté : accessibilité, compétences disponibles, immobilier d’entreprise, réseaux, accompagnement public, qualité de vie des salariés. L’indice de satisfaction en est la moyenne ; le détail forme la grille forces-faiblesses du diagnostic face aux concurrents.',
        en: 'The factors that decide where a business settles, each rated: access, available skills, business premises, networks, public support, employees’ quality of life. The satisfaction index is their mean; the detail is the strengths-and-weaknesses grid of the diagnosis against rivals.',
      },
      questions: [
        rated(
          'satisfaction',
          'access',
          {
            fr: 'L’accessibilité : routes, train, aéroport, très haut débit',
            en: 'Access: roads, rail, airport, broadband',
          },
          satisfied5,
          concerned,
        ),
        rated(
          'satisfaction',
          'talent',
          {
            fr: 'Trouver et recruter les compétences dont vous avez besoin',
            en: 'Finding and hiring the skills you need',
          },
          satisfied5,
          concerned,
        ),
        rated(
          'satisfaction',
          'premises',
          {
            fr: 'Les locaux et terrains disponibles pour les entreprises',
            en: 'Premises and land available to businesses',
          },
          satisfied5,
          concerned,
        ),
        rated(
          'satisfaction',
          'networks',
          {
            fr: 'Les réseaux d’entreprises, clients et partenaires sur place',
            en: 'Business networks, clients and partners nearby',
          },
          satisfied5,
          concerned,
        ),
        rated(
          'satisfaction',
          'support',
          {
            fr: 'L’accompagnement des collectivités et des agences de développement',
            en: 'Support from local authorities and development agencies',
          },
          satisfied5,
          concerned,
        ),
        rated(
          'satisfaction',
          'life',
          {
            fr: 'La qualité de vie pour vos salariés et leur famille',
            en: 'Quality of life for your staff and their families',
          },
          satisfied5,
          concerned,
        ),
      ],
    },
    hexagon,
    versus(
      {
        fr: 'Pour développer une entreprise, par rapport à {competitor}, {place} est…',
        en: 'For growing a business, compared with {competitor}, {place} is…',
      },
      {
        fr: 'Un investisseur compare toujours plusieurs territoires : nommez ceux avec lesquels le vôtre est mis en balance dans les dossiers d’implantation. La valeur relative est la part de « mieux » moins la part de « moins bien » ; positive trois périodes de suite, elle dit une supériorité durable.',
        en: 'An investor always compares several places: name those yours is weighed against in location decisions. Relative value is the share of "better" minus the share of "worse"; positive three periods running, it shows a durable advantage.',
      },
    ),
    {
      id: 'value',
      optional: true,
      title: { fr: 'Ce que le territoire vaut pour l’entreprise', en: 'What the place is worth to the business' },
      why: {
        fr: 'La valeur perçue (PERVAL) vue par une entreprise : qualité des services aux entreprises, attachement, image que l’adresse donne auprès des clients, coûts d’implantation au regard de ce qui est offert.',
        en: 'Perceived value (PERVAL) as a business sees it: quality of business services, attachment, the standing the address gives with clients, location costs for what is offered.',
      },
      questions: [
        rated(
          'value',
          'quality',
          {
            fr: 'Les services aux entreprises sont de bonne qualité.',
            en: 'Services to businesses are of good quality.',
          },
          agree5,
        ),
        rated(
          'value',
          'emotional',
          { fr: 'Je me sens attaché à ce territoire.', en: 'I am attached to this area.' },
          agree5,
        ),
        rated(
          'value',
          'social',
          {
            fr: 'Être installé ici est un atout auprès de nos clients.',
            en: 'Being based here is an asset with our clients.',
          },
          agree5,
        ),
        rated(
          'value',
          'price',
          {
            fr: 'Les coûts d’implantation (loyers, foncier, fiscalité) sont raisonnables pour ce que le territoire offre.',
            en: 'Location costs (rents, land, taxes) are reasonable for what the area offers.',
          },
          agree5,
        ),
      ],
    },
    {
      id: 'business',
      title: { fr: 'Votre entreprise', en: 'Your business' },
      why: {
        fr: 'Taille et situation de l’entreprise : de quoi lire séparément les entreprises installées et les porteurs de projet, et pondérer sur le tissu économique réel (fichiers consulaires). Questions de profil, hors indices.',
        en: 'Size and situation of the business: enough to read established firms and project holders apart, and to weight to the real business base (chamber of commerce files). Profile questions, outside the indices.',
      },
      questions: [
        profile(
          'size',
          {
            fr: 'Combien de personnes travaillent dans votre entreprise ?',
            en: 'How many people work in your business?',
          },
          [
            ['micro', 'Moins de 10', 'Fewer than 10'],
            ['small', '10 à 49', '10 to 49'],
            ['medium', '50 à 249', '50 to 249'],
            ['large', '250 ou plus', '250 or more'],
          ],
        ),
        profile('settled', { fr: 'Votre entreprise est-elle installée ici ?', en: 'Is your business based here?' }, [
          ['yes', 'Oui', 'Yes'],
          ['project', 'C’est un projet', 'We are planning to'],
          ['no', 'Non', 'No'],
        ]),
      ],
    },
    comment,
  ],
};
