/**
 * The demo's discussion, in French and English: who says what, under which article, in reply to
 * whom, liked by how many, and what awaits a moderator. Written by hand, like a real thread.
 */
export interface SeedComment {
  key: string
  author: string
  body: string
  replyTo?: string
  likes?: number
  minutesAgo: number
  /** `pending`: held for review; `reported`: published but reported by readers. */
  state?: 'pending' | 'reported'
  reportReason?: 'insult' | 'spam' | 'threat' | 'off_topic'
}

export const FRENCH_DISCUSSION: SeedComment[] = [
  { key: 'a', author: 'Claire M.', minutesAgo: 240, likes: 14, body: 'Enfin un article qui explique clairement les enjeux du projet. Le passage sur le financement de la ligne est particulièrement éclairant.' },
  { key: 'b', author: 'Yannick', minutesAgo: 230, likes: 6, replyTo: 'a', body: 'D’accord sur le fond, mais on aurait aimé connaître l’avis des communes traversées. Elles sont les premières concernées !' },
  { key: 'c', author: 'Claire M.', minutesAgo: 225, likes: 3, replyTo: 'b', body: 'Bonne remarque. Il me semble que le conseil départemental doit se prononcer le mois prochain ; l’article y fait allusion à la fin.' },
  { key: 'd', author: 'Jean-Pierre L.', minutesAgo: 210, likes: 2, replyTo: 'c', body: 'Exact, la séance est prévue le 12. J’y serai, en tant qu’élu d’opposition.' },
  { key: 'e', author: 'Sofiane', minutesAgo: 180, likes: 9, body: 'Quelqu’un sait si les horaires du matin seront renforcés ? Aujourd’hui, à 7 h 40, le train est déjà bondé.' },
  { key: 'f', author: 'Marie-Hélène', minutesAgo: 170, likes: 4, replyTo: 'e', body: 'D’après le dossier de la région, deux rames supplémentaires sont prévues aux heures de pointe à partir de septembre.' },
  { key: 'g', author: 'Thomas', minutesAgo: 150, likes: 1, body: 'Coût annoncé : 1,2 milliard d’euros. C’est beaucoup, mais comparé à l’entretien des routes, ça se discute.' },
  { key: 'h', author: 'Lucie', minutesAgo: 120, likes: 0, replyTo: 'g', body: 'Le chiffre de 1,2 milliard inclut-il le matériel roulant ? Ce n’est pas précisé dans l’article.' },
  { key: 'i', author: 'Bernard', minutesAgo: 90, likes: 7, body: 'J’habite à côté de la future gare depuis trente ans. Je suis partagé : plus de trains, oui, mais que deviennent les jardins ouvriers ?' },
  { key: 'j', author: 'Nadia', minutesAgo: 60, likes: 2, body: 'Merci pour la carte interactive, très pratique pour voir le tracé exact.' },
  { key: 'k', author: 'Paul', minutesAgo: 45, likes: 0, replyTo: 'i', body: 'Les jardins seraient déplacés de 300 mètres selon la mairie, avec la même surface.' },
  { key: 'l', author: 'Un lecteur pressé', minutesAgo: 30, state: 'pending', body: 'Tout le détail des chiffres sur mon blog : https://bit.ly/3xYz12' },
  { key: 'm', author: 'Rémi', minutesAgo: 20, state: 'reported', reportReason: 'insult', body: 'Franchement, ceux qui défendent ce projet n’ont jamais pris un train de leur vie.' },
  { key: 'n', author: 'Agathe', minutesAgo: 10, likes: 1, body: 'Article très complet. J’aurais aimé un mot sur l’impact pour le fret.' },
]

export const ENGLISH_DISCUSSION: SeedComment[] = [
  { key: 'a', author: 'Helen W.', minutesAgo: 200, likes: 8, body: 'A clear piece. The section on the funding gap is the part most coverage has missed.' },
  { key: 'b', author: 'Omar', minutesAgo: 180, likes: 3, replyTo: 'a', body: 'Agreed, though I would have liked to hear from the councils along the route.' },
  { key: 'c', author: 'Helen W.', minutesAgo: 170, likes: 1, replyTo: 'b', body: 'The county board votes next month; the article mentions it near the end.' },
  { key: 'd', author: 'Greg', minutesAgo: 120, likes: 2, body: 'Does anyone know whether the early-morning service will be increased?' },
  { key: 'e', author: 'Priya', minutesAgo: 60, likes: 0, state: 'pending', body: 'Great deals on tickets here: https://tinyurl.com/cheap-rail-now' },
]
