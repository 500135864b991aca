/**
 * Word lists for the realistic synthetic archive (synthetic-archive.ts), written for this bench:
 * topics with their distinctive words, invented software projects for release notes, ordinary
 * English content words and invented bylines. Nothing here is copied from real sites.
 */

/** A subject an article is about: its readable name, the category it usually runs in, and words that mark it. */
export type Topic = { name: string; category: string; words: readonly string[] };

const topic = (name: string, category: string, words: string): Topic => ({ name, category, words: words.split(/\s+/).filter(Boolean) });

export const TOPICS: readonly Topic[] = [
  // tech
  topic("garbage collection", "tech", "heap collector pause generation nursery allocation sweep marking compaction finalizer barrier pointer tenured reclaim fragmentation arena survivor allocator"),
  topic("database indexes", "tech", "index btree query planner scan column cardinality vacuum cursor predicate join composite selectivity lookup rows tablespace postgres replica"),
  topic("web browsers", "tech", "browser renderer tab cookie layout paint viewport extension scroll sandbox bookmark navigation reflow compositor devtools omnibox tabstrip prefetch"),
  topic("compilers", "tech", "compiler parser lexer token syntax optimizer bytecode register inlining linker typechecker grammar frontend intermediate codegen monomorphize peephole"),
  topic("mobile networks", "tech", "antenna mast spectrum handset roaming signal carrier coverage backhaul modem subscriber handover femtocell bandwidth basestation dropout uplink"),
  topic("open source maintenance", "tech", "maintainer contributor repository license fork triage sponsor volunteer governance upstream downstream backlog reviewer patch changeset bugtracker codeowner"),
  topic("home automation", "tech", "thermostat hub bulb dimmer doorbell smartplug automation scene routine zigbee firmware occupancy hallway relay schedule motion sensor"),
  topic("cryptography", "tech", "cipher nonce hash signature certificate entropy elliptic handshake encryption plaintext ciphertext keystore keypair keyring padding hmac revocation"),
  // science
  topic("tide gauges", "science", "tide gauge harbour datum sensor benchmark levelling surge ebb mooring pier buoy tidal amplitude chart sealevel"),
  topic("volcanoes", "science", "volcano magma eruption lava crater caldera ash vent plume tremor basalt pyroclastic seismometer fissure tephra lahar summit dormant"),
  topic("bird migration", "science", "migration flock wing plumage nesting warbler flyway stopover roost songbird feather ringing wader tern swallow"),
  topic("exoplanets", "science", "exoplanet star transit telescope spectrograph dwarf habitable atmosphere wobble astronomer luminosity photometry orbit planet exomoon lightcurve"),
  topic("soil microbes", "science", "soil microbe fungus mycelium nitrogen compost bacteria humus microbiome nutrient earthworm spore rhizosphere root loam nematode topsoil"),
  topic("glaciers", "science", "glacier ice moraine crevasse meltwater icefield calving snowpack firn ablation cirque fjord icecap icesheet terminus serac"),
  topic("particle physics", "science", "collider particle detector boson quark muon neutrino beam decay calorimeter lepton hadron collision accelerator gluon synchrotron"),
  topic("coral reefs", "science", "coral reef polyp bleaching algae diver atoll snorkel spawning sponge anemone seagrass parrotfish lagoon zooxanthellae reefcrest"),
  topic("weather forecasting", "science", "forecast radar pressure cyclone humidity rainfall meteorologist isobar gust drizzle anticyclone ensemble barometer thunderstorm frontal"),
  // business
  topic("freight shipping", "business", "container freight vessel cargo shipping berth crane tanker manifest logistics warehouse pallet haulage boxship port quay"),
  topic("small business loans", "business", "loan lender borrower interest collateral credit repayment overdraft underwriting cashflow guarantor instalment bank microloan creditline"),
  topic("retail", "business", "shop checkout shelf customer retailer inventory aisle discount till footfall storefront basket loyalty receipt shopper clearance"),
  topic("commodity prices", "business", "commodity wheat copper futures barrel crude bushel trader harvest stockpile soybean bullion barley nickel cocoa"),
  topic("remote work", "business", "office commute desk videocall coworking hybrid meeting laptop workplace timezone headset homeworking standup coworker dongle"),
  topic("insurance", "business", "insurer premium policyholder claim underwriter deductible actuary broker payout liability reinsurance excess coverage policy riskpool"),
  topic("startups", "business", "founder investor seed venture valuation pitch runway equity prototype cofounder unicorn incubator accelerator angel captable burnrate"),
  topic("energy markets", "business", "electricity grid utility megawatt wholesale turbine solar battery substation generator meter interconnector tariff peaker capacity"),
  // culture
  topic("jazz", "culture", "jazz saxophone trumpet quartet improvisation swing bassist drummer chord bebop pianist trombone setlist club standard solo"),
  topic("independent cinema", "culture", "film director festival screening cinema documentary screenplay premiere actor distributor cinematographer reel editing arthouse festivalgoer"),
  topic("poetry", "culture", "poem poet verse stanza rhyme sonnet anthology couplet haiku imagery chapbook elegy meter recital refrain lyric"),
  topic("museums", "culture", "museum curator exhibition gallery artefact conservation sculpture painting catalogue visitor plinth vitrine collection archive diorama"),
  topic("video games", "culture", "game player console controller quest studio speedrun multiplayer sprite boss arcade gamepad level savegame leaderboard"),
  topic("architecture", "culture", "building facade architect concrete timber atrium staircase courtyard brick skyline blueprint cantilever column gable plaster"),
  topic("bookshops", "culture", "bookshop novel bookseller paperback publisher library hardback memoir bestseller signing bookshelf author reader bookclub storyteller"),
  topic("street food", "culture", "vendor stall noodle dumpling skewer grill spice taco broth chef flatbread recipe foodtruck market hawker"),
  // world
  topic("rail travel", "world", "train rail station platform carriage sleeper ticket locomotive track conductor junction railway tunnel timetable signalbox"),
  topic("border crossings", "world", "border checkpoint passport visa customs crossing migrant asylum frontier permit refugee guard queue tollgate smuggler"),
  topic("monsoon season", "world", "monsoon rain flood embankment paddy downpour evacuation drainage levee deluge landslide river cyclone waterlogging silt"),
  topic("island nations", "world", "island archipelago ferry lagoon fishing coastline ocean sovereignty tourism seawall islander atoll reef outrigger mangrove"),
  topic("city water supply", "world", "water pipe reservoir aqueduct treatment leak pump tap filtration rationing drought hydrant sewer main wastewater"),
  topic("diplomacy", "world", "embassy ambassador treaty envoy talks ceasefire delegation sanction consulate accord negotiator communique summit attache protocol"),
  topic("mountain villages", "world", "village valley pasture shepherd terrace hamlet cablecar cheese goat slope hut trail pass chalet alpine meadow"),
  topic("space launches", "world", "rocket launch payload booster countdown spaceport capsule satellite astronaut splashdown launchpad orbit stage gantry launcher"),
  // health
  topic("sleep research", "health", "sleep insomnia circadian melatonin nap dream snoring bedtime apnea drowsiness restless polysomnography dreaming slumber chronotype"),
  topic("vaccines", "health", "vaccine dose antibody immunity trial jab pathogen antigen immunisation variant pharmacist adjuvant booster clinic jabs inoculation"),
  topic("running injuries", "health", "runner knee tendon shin stride marathon physio ankle stretch sprain mileage hamstring cadence trainer plantar"),
  topic("nutrition", "health", "diet protein fibre vitamin calorie vegetable sugar meal portion breakfast legume dietitian salt snack wholegrain"),
  topic("hospital staffing", "health", "nurse ward shift doctor rota hospital patient surgeon midwife ambulance overtime consultant triage locum registrar"),
  topic("air quality", "health", "pollution smog particulate ozone emission asthma exhaust inhaler chimney haze diesel soot monitor filter dioxide inversion"),
  topic("mental health", "health", "therapy anxiety counsellor wellbeing stress mindfulness therapist support loneliness mood helpline burnout resilience selfcare counselling"),
  // sport
  topic("cycling", "sport", "cyclist peloton bike saddle gear climb sprint velodrome derailleur breakaway jersey helmet stage cadence pedal"),
  topic("chess", "sport", "chess pawn knight bishop rook gambit endgame checkmate grandmaster rating tournament castling blitz opening queen fianchetto"),
  topic("rowing", "sport", "rower oar scull regatta boathouse cox crew stroke hull ergometer towpath river catch sculler eights"),
  topic("football transfers", "sport", "striker midfielder transfer fee goalkeeper scout window defender academy winger signing club contract loan manager"),
  topic("mountaineering", "sport", "climber summit rope crampon ascent basecamp ridge altitude oxygen belay expedition icefall glacier carabiner sherpa"),
  topic("swimming", "sport", "swimmer pool lane freestyle backstroke butterfly lap goggles breaststroke medley diving relay turn touchpad stroke"),
  topic("cricket", "sport", "batter bowler wicket innings crease stumps boundary fielder umpire spinner scorecard over pitch test bouncer"),
  // politics
  topic("local elections", "politics", "ballot candidate council turnout polling voter campaign canvass seat mayor manifesto constituency ward count hustings"),
  topic("housing policy", "politics", "housing rent tenant landlord mortgage zoning eviction affordability developer homeowner leasehold planning estate lettings tenancy"),
  topic("public transport funding", "politics", "bus fare subsidy route depot tram commuter budget ridership franchise concession timetable operator busway farebox"),
  topic("parliamentary procedure", "politics", "parliament bill amendment committee speaker motion debate whip chamber quorum filibuster reading session vote backbencher"),
  topic("tax reform", "politics", "tax taxpayer deduction revenue bracket allowance levy audit treasury exemption loophole threshold rate payroll taxation"),
  topic("data privacy law", "politics", "privacy regulator consent breach fine tracking complaint processor transparency erasure data controller cookie gdpr profiling"),
  topic("school funding", "politics", "pupil teacher classroom curriculum exam headteacher tuition syllabus playground homework inspector timetable staffroom gradebook governor"),
];

/** Invented software projects whose release notes the archive carries; each is its own topic. */
export const PROJECTS: readonly string[] = [
  "Harborkit", "Quillmesh", "Tarnwell", "Brindle", "Lumenforge", "Crestline", "Ferrowick", "Oakspindle",
  "Pebblestack", "Vantaloop", "Driftcore", "Marrowgate", "Kestrelite", "Thistledb", "Ninefold", "Saltbox",
  "Corvidian", "Moorlight", "Glimmerly", "Rookery", "Wickerframe", "Halyard", "Sprocketry", "Tinderbolt",
];

const split = (words: string) => words.split(/\s+/).filter(Boolean);

/** Ordinary English nouns, verbs (base form) and adjectives, for headlines and the common head of the general vocabulary. */
export const COMMON_NOUNS: readonly string[] = split(`
  year people time day week month city report plan work change school government company group number part place
  case point problem fact home room area money story night morning question service system program family friend
  child student life hand eye head house country state world side business issue result level office door health
  person member law car market team idea minute reason research moment air teacher force education food road street
  town price centre council evening building project figure rule value light voice paper space ground form table
  picture line sense mind event season answer window summer winter spring autumn river field village garden coast
  bridge station island neighbour budget record test visit trip study review deal guide sign list step view`);

export const COMMON_VERBS: readonly string[] = split(`
  show find give tell call try ask need feel seem leave keep begin help talk turn start hold bring write provide
  stand lose pay meet include continue set learn lead understand watch follow stop create speak read allow spend
  grow offer remember consider appear buy wait serve send expect build stay reach remain suggest raise pass sell
  require decide return explain hope develop carry break receive agree support produce catch draw choose cause
  listen open close measure rethink reopen`);

export const COMMON_ADJECTIVES: readonly string[] = split(`
  early late new old good great small large long short high local public private open free full real best better
  hard easy clear whole major certain recent likely simple strong final main single common possible quiet busy
  cheap costly slow fast bright dark warm cold wet dry rare`);

/** The three lists as one, nouns first: the commonest head of the general vocabulary (its tail is invented words). */
export const COMMON_WORDS: readonly string[] = [...new Set([...COMMON_NOUNS, ...COMMON_VERBS, ...COMMON_ADJECTIVES])];

/** Words of software release notes, around which the items of a changelog are written. */
export const CHANGELOG_WORDS: readonly string[] = (
  "parser cache config flag option plugin loader schema router handler request response timeout retry buffer " +
  "stream socket worker queue scheduler logger metrics tracing index migration template renderer watcher " +
  "resolver bundler manifest lockfile registry client server proxy token session header cookie encoder decoder " +
  "serializer validator allocator thread pool mutex snapshot checksum archive upload download endpoint webhook"
).split(" ");

export const CHANGELOG_VERBS: readonly string[] = [
  "Fix", "Add", "Remove", "Deprecate", "Improve", "Speed up", "Refactor", "Support", "Handle", "Avoid", "Document", "Bump", "Restore", "Rename",
];

export const CHANGELOG_SECTIONS: readonly string[] = [
  "Breaking changes", "Features", "Bug fixes", "Performance", "Security", "Documentation", "Dependencies", "Internal",
];

export const AUTHORS: readonly string[] = [
  "Mara Quell", "Tobin Ashgrove", "Ines Varga", "Pell Okonjo", "Sunniva Brack", "Idris Fenwold", "Noor Castellan", "Ottilie Rane",
  "Jasper Idowu", "Wren Halloway", "Kofi Marsh", "Elsa Trevane", "Rafe Dunmore", "Priya Lockhart", "Anouk Serrel", "Dov Kettering",
];

/** Code fence languages, in about the proportions a mixed news and tech archive has them. */
export const CODE_LANGUAGES: readonly string[] = ["ts", "js", "python", "bash", "json", "yaml", "go", "rust", "sql", "text"];

/** Function words from commonest to rarer, as running English text has them; the stopword package lists them alphabetically. */
export const FUNCTION_WORDS_BY_FREQUENCY: readonly string[] = split(`
  the of and to a in is that for it as was with be by on he at from his i this have are or an they which you were
  but her had their has been would there we more can all if what about who up out them other into than some could
  only these then also my after our any how like over most such very through between both each those before because
  well many where while being under much should since still same me him did do your said now never another might
  must make came come get got here himself too way take am`);
