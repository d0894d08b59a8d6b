"""The word lists and patterns behind the feedback rubric, each with the reason it counts.

They follow the guidance in knowledge/giving-feedback-upward.md: SBI (situation, behaviour,
impact) plus a request, radical candour (care and challenge, no put-downs, no self-erasure), and
the two habits that weaken upward feedback most: absolutes and hedging that buries the message.
All patterns are matched case-insensitively against the text with quoted speech masked.
"""

import re


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def word_set(words: str) -> frozenset[str]:
    """A set of lower-case words, written as one space-separated string."""
    return frozenset(words.split())


DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*"

# Events a leader can recall by name. Singular on purpose: "in the meeting" points at one
# occasion, "in meetings" at none in particular.
EVENT = (
    r"meeting|all-hands|all hands|town ?hall|stand-?up|review|call|briefing|off-?site|"
    r"presentation|session|webinar|panel|e-?mail|message|update|blog|post|planning|"
    r"one-to-one|one-on-one|1:1|workshop|demo|launch|breakfast|lunch|dinner|interview|"
    r"conference|keynote|retro(?:spective)?|kick-?off|huddle|sync|prep|catch-?up|q&a|speech|"
    r"talk|memo|newsletter|announcement|away-?day|training|induction|chat"
)

# Situation: a when or where the leader can recall. Most specific first, so the quote is the
# fullest anchor: a named event ("in Tuesday's town hall"), a "when you ..." clause, a day or date.
_WHEN_TAIL = rf"(?:\s+(?:on {DAY}|on the \d+\w*|last \w+|yesterday|this \w+))?"
SITUATION_SPECIFIC = [
    _compile(
        rf"\b(?:in|at|during|after|before|from|on)\s+(?:the|our|your|my|this|that|last|\w+'s)"
        rf"\s+(?:(?!next\b)[\w'&:-]+\s+){{0,3}}?(?:{EVENT})\b{_WHEN_TAIL}"
    ),
    # "In the last two team calls I attended": honest frequency over recent, countable events.
    _compile(rf"\b(?:in|at|during) the last (?:two|three|four|few|\d+) (?:\w+ )?(?:{EVENT})s\b"),
    _compile(
        r"\bwhen (?:you|i|we) (?:\w+ )?(?:\w+ed|said|sent|took|gave|made|ran|spoke|wrote|"
        r"told|showed|brought|left|came|put|read|chose|met|walked|went)\b"
    ),
    # A named event with a qualifier ("the strategy presentation", "the budget meeting") is one
    # occasion the leader can recall even without a date.
    _compile(rf"\bthe (?!next\b)(?!last\b)[\w-]+ (?:{EVENT})\b{_WHEN_TAIL}"),
    _compile(
        rf"\b(?:yesterday|today|tonight|earlier today|"
        rf"this (?:morning|afternoon|evening|week|month)|"
        rf"last (?:week|month|night|quarter|time|{DAY})|on (?:{DAY})|(?:{DAY})'s|"
        rf"on the \d+(?:st|nd|rd|th)\b|on \d{{1,2}}(?:st|nd|rd|th)? {_MONTH})"
    ),
]
# Vague anchors: the leader cannot tell which occasion is meant.
SITUATION_VAGUE = _compile(
    rf"\b(?:recently|lately|the other day|a while ago|in (?:the )?(?:{EVENT})|"
    rf"in (?:our |your |the |my )?(?:meetings|calls|sessions|e-?mails|messages|updates))\b"
)

# Behaviour: what a camera would record. Verbs of things the leader did, in any tense, after
# "you"; "listen", "care" and "respect" are absent on purpose: no camera records them.
_ACTIONS = (
    r"sa(?:y|ys|id|ying)|interrupt\w*|skip(?:s|ped|ping)?|sen(?:d|ds|t|ding)|"
    r"t(?:ake|akes|ook|aking|aken)|answer\w*|ask\w*|introduc\w+|us(?:e|es|ed|ing)|"
    r"wr(?:ite|ites|ote|iting|itten)|call(?:s|ed|ing)?|check\w*|mov(?:e|es|ed|ing)|reject\w*|"
    r"assign\w*|clos(?:e|es|ed|ing)|finish\w*|start\w*|spen(?:d|ds|t|ding)|read(?:s|ing)?|"
    r"look(?:ed|s|ing)? (?:at|away)|talk(?:s|ed|ing)? (?:over|about|through|for)|"
    r"repl(?:y|ies|ied|ying)|cut(?:s|ting)? (?:\w+ )?(?:off|in|short)|cancel\w*|schedul\w+|"
    r"present\w*|"
    r"show(?:s|ed|n|ing)?|open\w*|left|walk(?:s|ed|ing)? (?:out|away|off)|spo(?:ke|ken)|"
    r"speak(?:s|ing)?|mention\w*|announc\w+|forward\w*|cc'?d|ignor\w+|laugh\w*|sigh\w*|"
    r"roll\w* your eyes|pick(?:s|ed|ing)?|cho(?:se|ose|oses|osing)|g(?:ave|ive|ives|iving)|"
    r"put(?:s|ting)?|t(?:old|ell|ells|elling)|respond\w*|typ(?:e|ed|es|ing)|"
    r"post(?:s|ed|ing)?|shar(?:e|es|ed|ing)|miss(?:es|ed|ing)?|join\w*|end(?:s|ed|ing)?|"
    r"r(?:an|un|uns|unning) (?:the|our|your|a|over|through)|brush\w* (?:off|aside)|"
    r"redirect\w*|hand(?:s|ed|ing)? (?:over|off)|pass(?:es|ed|ing)? (?:over|on)|declin\w+|"
    r"chang(?:e|es|ed|ing)|overrul\w+|wav(?:e|ed|es|ing)|point(?:s|ed|ing)? at|yawn\w*|"
    r"shout\w*|rais(?:e|ed|es|ing) your voice|ma(?:de|ke|kes|king) a joke|"
    r"finish\w* \w+ sentence|stopp(?:ed|ing)"
)
# Up to two words may sit between "you" and the verb: adverbs and fillers ("you kind of brushed
# off", "you tend to reply", "you didn't read"). Any regular past tense counts too ("you thanked",
# "you switched"), except the verbs of inner states in NOT_OBSERVABLE.
BEHAVIOUR_ACTION = _compile(
    rf"\byou(?:'ve|'d)?\s+(?P<between>(?:[\w']+\s+){{0,2}}?)(?P<verb>{_ACTIONS}|[a-z]+ed)\b"
)
NOT_OBSERVABLE = word_set(
    "seemed appeared sounded wanted needed liked loved hated preferred intended meant "
    "believed assumed expected cared felt pretended tried hoped wished thought supposed "
    "used need indeed"
)
# "You need to read ..." and "could you ask ..." are about what the leader should do, not did.
NOT_A_DESCRIPTION = word_set(
    "need needs have has must should ought got could would can will might may please"
)
# An artefact the leader produced can be described as observably as an action.
BEHAVIOUR_ARTEFACT = _compile(
    r"\b(?:your|the) (?:[\w-]+ ){0,2}(?:slides?|deck|e-?mails?|messages?|post|blog|agenda|update|"
    r"invite|memo|document|presentation|reply|video|speech|report|survey|section|policy|note|"
    r"announcement|status) (?:[\w-]+ ){0,3}?(?:had|has|contained|contains|included|includes|used|"
    r"uses|said|says|mentioned|mentions|listed|lists|ran (?:to|for)|runs (?:to|for)|lasted|took|"
    r"opened with|started with|showed|shows|is always|was always)\b"
)
# Even an order names the action it wants stopped ("stop scheduling all-hands at 8am").
BEHAVIOUR_NAMED_IN_ORDER = _compile(r"\b(?:stop|quit|keep) [a-z]+ing\b")
# Judgements of character or motive: a verdict the leader can only accept or deny.
_JUDGEMENT_WORDS = (
    r"dismissive|rude|arrogant|condescending|patronising|patronizing|aggressive|lazy|"
    r"disrespectful|defensive|uninterested|disengaged|distracted|cold|harsh|mean|negative|"
    r"unprofessional|out of touch|biased|sexist|racist|ageist|clueless|incompetent|"
    r"controlling|bossy|a bully|scary|pointless|boring|terrible|awful|useless|unclear|"
    r"confusing|a mess|rubbish|unreadable|too long"
)
_FILLER = (
    r"(?:(?:really|so|very|quite|a bit|a little|kind of|sort of|being|too|pretty|rather)\s+){0,3}"
)
BEHAVIOUR_JUDGEMENT = [
    _compile(
        rf"\b(?:you(?:'re| are| were|'ve been| have been| seemed| seem| sounded| looked)|"
        rf"came across as|come across as|comes across as|"
        rf"(?:your|the) (?:(?!you\b)[\w-]+ ){{1,2}}(?:is|are|was|were))"
        rf"\s+{_FILLER}(?:{_JUDGEMENT_WORDS})\b"
    ),
    _compile(r"\bnot a team player\b"),
    _compile(r"\bthe (?:vibe|mood|energy) was\b"),
    _compile(
        r"\b(?:weren't|were not|aren't|are not) (?:really )?(?:into it|interested|engaged|bothered)"
    ),
    _compile(r"\byou (?:don't|do not|didn't|did not|never) (?:really )?(?:listen|care)\b"),
    _compile(r"\bobvious(?:ly)? (?:that )?you\b"),
    _compile(r"\btick(?:ing)? (?:a|the) (?:[\w-]+ )?box\b"),
]

# Impact: an effect on the mentor or others. Consequence links, reported reactions, feelings,
# and outcomes with someone other than the leader as subject.
IMPACT_EFFECT = [
    _compile(
        r"\b(?:so (?:i|we|they|he|she|people|the \w+|my \w+|our \w+)|"
        r"which meant|that meant|this meant|it meant|"
        r"the effect|the result|as a result|the impact|since then|which led|that led)\b"
    ),
    _compile(r"\b(?:told|messaged|emailed|asked|said to|mentioned to|came to) me\b"),
    _compile(r"\bask(?:ed|ing) (?:me )?(?:whether|if|why|what)\b"),
    _compile(r"\bmade (?:me|us|them|him|her|people) (?:feel|think|wonder|worry|doubt)\b"),
    # What it cost the mentor: plans already made ("I'd blocked the time").
    _compile(r"\bi(?:'d| had) (?:already )?[a-z]+ed\b"),
    _compile(r"(?<!it )(?<!like )\b(?:felt|feel|feels)\b(?! like)"),
    _compile(
        r"\b(?:stopped|didn't speak|did not speak|couldn't|could not|can't|cannot|missed|"
        r"didn't get to|did not get to|didn't know|did not know|"
        r"(?:had|have) (?:no )?(?:time|chance|room) to|"
        r"(?:don't|doesn't|didn't) understand|understands?|understood|"
        r"left (?:still |not )?\w+ing|spent the|worked (?:all|late|through)|went unanswered|"
        r"won't bother|gave up|dropped out|ran out of time|ended up|end up|"
        r"read (?:it|that|this) as|took (?:it|that) as|didn't change|were online|"
        r"stayed (?:late|online|up)|none of them could|went quiet|fell silent|"
        r"almost didn't|then \w+ed)\b"
    ),
    _compile(
        r"\b(?:was|were|seemed|looked|got|became|are|felt)\s+(?:(?:a bit|quite|really|very|so|"
        r"pretty|visibly|clearly)\s+)?(?:upset|confused|worried|anxious|invisible|sidelined|"
        r"excluded|embarrassed|frustrated|demotivated|flat|lost|stressed|nervous|hurt|angry|"
        r"discouraged|deflated|overwhelmed|left out|ignored|humiliated|uncomfortable|quiet|"
        r"silent|scared|"
        r"afraid|hesitant|reluctant|wary)\b"
    ),
]
# "It wasn't great" is a verdict on the moment, not an effect anyone could describe.
IMPACT_VERDICT = _compile(
    r"\bit(?:'s| is| was|wasn't| wasn't| isn't| is not| was not)\s+"
    r"(?:really |very |so |just |not )?"
    r"(?:great|good|ideal|okay|ok|nice|fine|helpful|frustrating|annoying|a problem|an issue|bad|"
    r"awful|unhelpful)\b"
)

# Request: a specific ask or a question about what could change.
REQUEST_ASK = [
    _compile(r"\b(?:could|would|can|will) (?:you|we)\b"),
    _compile(
        r"\b(?:(?:would|is) it (?:be )?possible|what would it take|what would help|"
        r"what if (?:you|we)|"
        r"how (?:could|can|might|would|do you think|about)|are you (?:open|willing)|"
        r"(?:is|would) (?:that|this|there) something|i'd (?:like|love) (?:you|us) to|"
        r"my (?:request|ask) is|please|let's|i(?:'d| would) (?:suggest|ask))\b"
    ),
]
# A question with a modal verb asks about a possible change ("Is that something you could ...?"),
# unless it only asks permission to speak ("Can I be blunt?").
MODAL = _compile(r"\b(?:could|would|can|will|might|shall)\b")
PERMISSION = _compile(r"^\W*(?:can|could|may) i\b")
# A hedged imperative is still an ask: "Maybe set it to available sometimes?"
SUGGESTED_VERBS = (
    r"try|set|add|use|send|keep|ask|share|start|stop|move|book|make|let|give|put|turn|switch|"
    r"write|cut|drop|read|skip|schedule|change|check|invite"
)
SUGGESTION = _compile(rf"^\W*(?:maybe|perhaps)(?: you could)? (?:{SUGGESTED_VERBS})\b")
# Asks that name no change: the leader cannot act on them.
REQUEST_VAGUE = _compile(
    r"\b(?:think about (?:it|that|this)|bear (?:it|that|this) in mind|"
    r"keep (?:it|that|this) in mind|"
    r"be more (?:aware|careful|mindful)|do better|reflect on (?:it|that|this)|"
    r"consider (?:it|that|this)|something to think about|food for thought|"
    r"be (?:[\w]+ ){0,2}?(?:clearer|clear|better|nicer)|"
    r"let me know what you think|just wanted to flag)\b"
)
# Orders: they tell the leader instead of asking, which invites resistance across the power gap.
COMMAND = [
    _compile(
        r"\byou (?:really )?(?:need to|have to|must|should|'ve got to|have got to|ought to)\b"
    ),
    _compile(r"^\W*(?:next time,?\s*)?(?:stop|quit|don't ever|never again)\b"),
]
WH_QUESTION = _compile(r"^\W*(?:what|why|how|who|where|when)\b")
# A sentence that opens like a question is one; "the slides had a lot of text?" is a statement.
QUESTION_START = _compile(
    r"^\W*(?:what|why|how|who|where|when|can|could|may|is|are|do|does|did|will|would|should|have)\b"
)
NEXT_TIME = _compile(r"\bnext time\b")

# Tone: candour without put-downs. Insults and sarcasm give the leader a reason to dismiss the
# point; self-erasure tells them they may.
TONE_PUT_DOWN = [
    _compile(
        r"\b(?:ridiculous|pathetic|stupid|idiotic|useless|pointless|arrogant|clueless|"
        r"incompetent|lazy|embarrassing|absurd|a joke|laughable|dinosaur|boomer|out of touch|"
        r"not a team player|tone-deaf|hopeless|boring|dull|a waste of time|a disaster|terrible|"
        r"awful|rubbish)\b"
    ),
    _compile(r"\b(?:great|nice|good|brilliant) job\b"),
    _compile(r"\b(?:really |totally |just )?lov(?:ed|e) (?:how|the way) (?=you\b)"),
    _compile(
        r"\b(?:thanks for (?:nothing|ignoring|interrupting)|well done for|as usual|"
        r"of course you)\b"
    ),
    # "...listen to anyone": a verdict on the whole person, however softly the sentence ends
    # ("You never listen to remote people" names who is left out, and stays a matter of fact).
    _compile(r"\b(?:listen|listens|listening|care|cares) (?:to|about) (?:anyone|anybody|no one)\b"),
]
TONE_CONDESCENDING = _compile(r"\b(?:obvious(?:ly)?|clearly you)\b")
TONE_SELF_ERASING = _compile(
    r"\b(?:i'm (?:only|just) (?:a|the) [\w-]+|who am i to|feel free to ignore|ignore me|"
    r"(?:that's |it's )?(?:probably |maybe )?just me\b|not my place|sorry to bother|"
    r"no worries if not|i'm probably wrong|sorry\b|out of line|overstepping|you can ignore|"
    r"i know i'm (?:only|just|not)|i know you're (?:\w+ )?busy|"
    r"(?:silly|stupid|dumb|small|minor|tiny) (?:thing|point|question|comment|issue))"
)

# Absolutes invite the leader to find the one exception and dismiss the whole point.
ABSOLUTE = _compile(
    r"\b(?:always|never|every ?one|every ?body|no ?one|no-one|nobody|every time|constantly|"
    r"all the time|every single|not once)\b"
)
ABSOLUTE_ABOUT_YOU = _compile(r"\byou (?:always|never|constantly)\b")

# Hedges. Burying ones take the point back by themselves; mild ones bury it when they stack.
# "a bit" about your own feelings ("I'm a bit nervous") is candour the guidance recommends.
HEDGE_BURYING = _compile(
    r"\b(?:it's probably nothing|probably nothing|just a small thing|not a big deal|"
    r"(?:it's )?probably fine|feel free to ignore(?: this)?|no worries if not|"
    r"(?:i don't know|not sure) if it matters|(?:that's )?(?:probably |maybe )?just me)\b"
)
HEDGE_MILD = _compile(
    r"\b(?:i (?:might|could|may) be wrong|maybe|perhaps|sort of|kind of|"
    r"(?<!i'm )(?<!i am )(?<!i feel )(?<!i felt )(?<!i was )a bit|a little|i guess|i don't know|"
    r"i'm not sure|sorry|if that's (?:okay|ok|alright|all right)|if you don't mind|um+|possibly|"
    r"somewhat|i (?:just )?wanted to (?:say|mention|flag|let you know)(?: that)?|just wanted to|"
    r"i was wondering)\b"
)
