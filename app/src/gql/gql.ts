/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation SignUpPerson($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n": typeof types.SignUpPersonDocument,
    "\n  mutation LogInPerson($input: LogInInput!) {\n    logIn(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n": typeof types.LogInPersonDocument,
    "\n  query SearchAirportsForPicker($query: String!, $first: Int) {\n    searchAirports(query: $query, first: $first) {\n      id\n      iata\n      icao\n      name\n      city\n      country\n      latitude\n      longitude\n    }\n  }\n": typeof types.SearchAirportsForPickerDocument,
    "\n  query AnalyticsFigures {\n    analytics {\n      network {\n        distanceBands {\n          label\n          routeCount\n        }\n        topHubs(first: 10) {\n          destinationCount\n          airport {\n            iata\n            icao\n          }\n        }\n      }\n      music {\n        compositionsByTheme {\n          count\n          theme {\n            name\n          }\n        }\n      }\n      usage {\n        requests\n        errorCount\n        p95LatencyMs\n        cacheHitRate\n        csvUrl\n        overTime {\n          bucket\n          requests\n          errorCount\n        }\n        topOperations(first: 5) {\n          operation\n          requests\n        }\n      }\n    }\n  }\n": typeof types.AnalyticsFiguresDocument,
    "\n  query CommunityFeed($first: Int) {\n    feed(first: $first) {\n      nodes {\n        id\n        title\n        likeCount\n        theme {\n          name\n        }\n        owner {\n          username\n        }\n      }\n    }\n  }\n": typeof types.CommunityFeedDocument,
    "\n  query ThemeChoices {\n    themes {\n      id\n      name\n      builtIn\n    }\n  }\n": typeof types.ThemeChoicesDocument,
    "\n  query PreviewPiece($input: ComposeInput!) {\n    previewComposition(input: $input) {\n      id\n      title\n      tempoBpm\n      key\n      scale\n      durationSeconds\n      midiUrl\n      theme {\n        id\n        name\n      }\n      sections {\n        name\n        startSeconds\n      }\n    }\n  }\n": typeof types.PreviewPieceDocument,
    "\n  mutation SavePiece($input: ComposeInput!) {\n    createComposition(input: $input) {\n      id\n      title\n    }\n  }\n": typeof types.SavePieceDocument,
    "\n  subscription LivePiece($input: ComposeInput!) {\n    liveComposition(input: $input) {\n      ...LiveBatchFields\n    }\n  }\n": typeof types.LivePieceDocument,
    "\n  query ContestDetail($id: ID!) {\n    contest(id: $id) {\n      ...ContestFields\n      entries(first: 100) {\n        nodes {\n          ...ContestEntryFields\n        }\n      }\n      leaderboard(first: 10) {\n        ...LeaderboardEntryFields\n      }\n    }\n  }\n": typeof types.ContestDetailDocument,
    "\n  subscription LeaderboardLive($contestId: ID!) {\n    leaderboardChanged(contestId: $contestId) {\n      final\n      top {\n        ...LeaderboardEntryFields\n      }\n    }\n  }\n": typeof types.LeaderboardLiveDocument,
    "\n  query MyPieces($username: String!) {\n    user(username: $username) {\n      id\n      compositions(first: 50) {\n        nodes {\n          id\n          title\n          visibility\n        }\n      }\n    }\n  }\n": typeof types.MyPiecesDocument,
    "\n  mutation VoteForEntry($entryId: ID!) {\n    castVote(entryId: $entryId) {\n      id\n      votes\n      viewerHasVoted\n    }\n  }\n": typeof types.VoteForEntryDocument,
    "\n  mutation RetractEntryVote($entryId: ID!) {\n    retractVote(entryId: $entryId) {\n      id\n      votes\n      viewerHasVoted\n    }\n  }\n": typeof types.RetractEntryVoteDocument,
    "\n  mutation SubmitToContest($contestId: ID!, $compositionId: ID!) {\n    submitEntry(contestId: $contestId, compositionId: $compositionId) {\n      id\n    }\n  }\n": typeof types.SubmitToContestDocument,
    "\n  query ContestList($first: Int) {\n    contests(first: $first) {\n      nodes {\n        ...ContestFields\n      }\n    }\n  }\n": typeof types.ContestListDocument,
    "\n  query ExplorePaths($from: String!, $to: String!, $maxStops: Int) {\n    findPaths(from: $from, to: $to, maxStops: $maxStops, limit: 5) {\n      stops\n      totalDistanceKm\n      legs {\n        id\n        origin {\n          iata\n          icao\n        }\n        destination {\n          iata\n          icao\n        }\n      }\n    }\n  }\n": typeof types.ExplorePathsDocument,
    "\n  query SoundAlikeRoutes($from: String!, $to: String!) {\n    similarRoutes(from: $from, to: $to, first: 6) {\n      score\n      route {\n        id\n        distanceKm\n        origin {\n          iata\n          icao\n          city\n        }\n        destination {\n          iata\n          icao\n          city\n        }\n      }\n    }\n  }\n": typeof types.SoundAlikeRoutesDocument,
    "\n  query RecentWithSimilar {\n    compositions(first: 6) {\n      nodes {\n        id\n        title\n        likeCount\n        theme {\n          name\n        }\n        owner {\n          username\n        }\n        similar(first: 3) {\n          score\n          composition {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n": typeof types.RecentWithSimilarDocument,
    "\n  mutation RenderAudio($compositionId: ID!, $format: ExportFormat!) {\n    requestExport(compositionId: $compositionId, format: $format) {\n      id\n      format\n      status\n      progress\n      url\n    }\n  }\n": typeof types.RenderAudioDocument,
    "\n  subscription RenderProgress($id: ID!) {\n    exportProgress(id: $id) {\n      id\n      status\n      progress\n      url\n    }\n  }\n": typeof types.RenderProgressDocument,
    "\n  subscription PieceChanged($id: ID!) {\n    compositionChanged(id: $id) {\n      version\n      changedFields\n      author {\n        username\n      }\n    }\n  }\n": typeof types.PieceChangedDocument,
    "\n  query Profile($username: String!) {\n    user(username: $username) {\n      id\n      username\n      displayName\n      bio\n      joinedAt\n      followerCount\n      followingCount\n      compositionCount\n      likesReceived\n      viewerFollows\n      compositions(first: 50) {\n        nodes {\n          id\n          title\n          likeCount\n          theme {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProfileDocument,
    "\n  mutation FollowPerson($username: String!) {\n    follow(username: $username) {\n      id\n      viewerFollows\n      followerCount\n    }\n  }\n": typeof types.FollowPersonDocument,
    "\n  mutation UnfollowPerson($username: String!) {\n    unfollow(username: $username) {\n      id\n      viewerFollows\n      followerCount\n    }\n  }\n": typeof types.UnfollowPersonDocument,
    "\n  mutation EditProfile($input: ProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n      bio\n    }\n  }\n": typeof types.EditProfileDocument,
    "\n  subscription RadioStream($channel: String!) {\n    liveRadio(channel: $channel) {\n      ...LiveBatchFields\n    }\n  }\n": typeof types.RadioStreamDocument,
    "\n  query RadioAirport($code: String!) {\n    airport(code: $code) {\n      id\n      name\n      city\n    }\n  }\n": typeof types.RadioAirportDocument,
    "\n  query OnAir {\n    radioChannels {\n      channel\n      listeners\n      nowPlaying\n    }\n  }\n": typeof types.OnAirDocument,
    "\n  query ThemeGallery($scope: ThemeScope) {\n    themes(filter: { scope: $scope }) {\n      id\n      name\n      description\n      builtIn\n      tempoMin\n      tempoMax\n      scales\n      usageCount\n      visibility\n      instruments {\n        name\n        role\n        instrument\n      }\n    }\n  }\n": typeof types.ThemeGalleryDocument,
    "\n  mutation CreateSoundscape($input: ThemeInput!) {\n    createTheme(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateSoundscapeDocument,
    "\n  mutation CommentOnPiece($input: AddCommentInput!) {\n    addComment(input: $input) {\n      id\n    }\n  }\n": typeof types.CommentOnPieceDocument,
    "\n  mutation EditPiece($id: ID!, $expectedVersion: Int!, $patch: CompositionPatch!) {\n    updateComposition(id: $id, expectedVersion: $expectedVersion, patch: $patch) {\n      id\n      version\n      title\n      visibility\n      license\n    }\n  }\n": typeof types.EditPieceDocument,
    "\n  mutation InvitePerson($compositionId: ID!, $username: String!, $role: CollaboratorRole!) {\n    inviteCollaborator(compositionId: $compositionId, username: $username, role: $role) {\n      id\n    }\n  }\n": typeof types.InvitePersonDocument,
    "\n  mutation LikePiece($id: ID!) {\n    likeComposition(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": typeof types.LikePieceDocument,
    "\n  mutation UnlikePiece($id: ID!) {\n    unlikeComposition(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": typeof types.UnlikePieceDocument,
    "\n  query PiecePresence($id: ID!) {\n    presence(id: $id) {\n      id\n      username\n    }\n  }\n": typeof types.PiecePresenceDocument,
    "\n  mutation RemixPiece($id: ID!, $input: RemixInput) {\n    remixComposition(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.RemixPieceDocument,
    "\n  query PieceDetail($id: ID!) {\n    composition(id: $id) {\n      id\n      title\n      kind\n      saved\n      visibility\n      license\n      version\n      variation\n      key\n      scale\n      tempoBpm\n      durationSeconds\n      midiUrl\n      attribution\n      likeCount\n      viewerHasLiked\n      viewerCan {\n        edit\n        setVisibility\n        setLicence\n        invite\n      }\n      playCount\n      theme {\n        id\n        name\n      }\n      airports {\n        iata\n        icao\n      }\n      owner {\n        id\n        username\n      }\n      parent {\n        id\n        title\n      }\n      lineage {\n        id\n        title\n      }\n      remixes(first: 20) {\n        nodes {\n          id\n          title\n          owner {\n            username\n          }\n        }\n      }\n      collaborators {\n        role\n        user {\n          id\n          username\n        }\n      }\n      comments(first: 100) {\n        nodes {\n          id\n          body\n          atSecond\n          createdAt\n          author {\n            username\n          }\n          replies {\n            id\n            body\n            author {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.PieceDetailDocument,
    "\n  query SharedProfile($username: String!) {\n    user(username: $username) {\n      username\n      displayName\n      compositionCount\n      followerCount\n    }\n  }\n": typeof types.SharedProfileDocument,
    "\n  query SharedContest($id: ID!) {\n    contest(id: $id) {\n      id\n      title\n      sponsor\n      description\n    }\n  }\n": typeof types.SharedContestDocument,
    "\n  query SharedRadio($code: String!) {\n    airport(code: $code) {\n      name\n      city\n      iata\n      icao\n    }\n  }\n": typeof types.SharedRadioDocument,
    "\n  query SharedPiece($id: ID!) {\n    composition(id: $id) {\n      id\n      title\n      saved\n      visibility\n      key\n      scale\n      tempoBpm\n      durationSeconds\n      midiUrl\n      theme {\n        id\n        name\n      }\n      owner {\n        username\n      }\n      airports {\n        iata\n        icao\n        city\n        latitude\n        longitude\n      }\n    }\n  }\n": typeof types.SharedPieceDocument,
    "fragment AirportSummary on Airport {\n  id\n  iata\n  icao\n  name\n  city\n  country\n  latitude\n  longitude\n}": typeof types.AirportSummaryFragmentDoc,
    "fragment AuthPayloadFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  user {\n    id\n    username\n    displayName\n  }\n}": typeof types.AuthPayloadFieldsFragmentDoc,
    "fragment CommentFields on Comment {\n  id\n  body\n  atSecond\n  createdAt\n  editedAt\n  author {\n    id\n    username\n    displayName\n  }\n}": typeof types.CommentFieldsFragmentDoc,
    "fragment CompositionFields on Composition {\n  id\n  title\n  kind\n  saved\n  visibility\n  license\n  version\n  owner {\n    id\n    username\n  }\n  createdAt\n  engineVersion\n  seed\n  variation\n  key\n  scale\n  tempoBpm\n  timeSignature\n  durationSeconds\n  midi\n  midiUrl\n  theme {\n    id\n    name\n  }\n  airports {\n    iata\n    icao\n    name\n    city\n    country\n    latitude\n    longitude\n  }\n  sections {\n    name\n    leg\n    key\n    scale\n    startBar\n    bars\n    startSeconds\n    endSeconds\n  }\n  chords {\n    bar\n    symbol\n    roman\n    startSeconds\n  }\n  tracks {\n    name\n    role\n    instrument\n    program\n    channel\n    notes {\n      pitch\n      start\n      duration\n      velocity\n    }\n  }\n}": typeof types.CompositionFieldsFragmentDoc,
    "fragment CompositionSummary on Composition {\n  id\n  title\n  kind\n  visibility\n  license\n  createdAt\n  key\n  scale\n  tempoBpm\n  durationSeconds\n  likeCount\n  playCount\n  viewerHasLiked\n  midiUrl\n  owner {\n    id\n    username\n  }\n  theme {\n    id\n    name\n  }\n  airports {\n    iata\n    icao\n    name\n  }\n}": typeof types.CompositionSummaryFragmentDoc,
    "fragment ContestEntryFields on ContestEntry {\n  id\n  votes\n  viewerHasVoted\n  submittedAt\n  finalRank\n  author {\n    id\n    username\n  }\n  composition {\n    id\n    title\n    midiUrl\n  }\n  contest {\n    id\n    status\n  }\n}": typeof types.ContestEntryFieldsFragmentDoc,
    "fragment ContestFields on Contest {\n  id\n  title\n  description\n  sponsor\n  prize\n  status\n  createdAt\n  submissionsOpenAt\n  submissionsCloseAt\n  votingOpenAt\n  votingCloseAt\n  closedEarlyAt\n  rules {\n    allowedThemes\n    entriesPerPerson\n    votesPerVoter\n    minAccountAgeHours\n    routeConstraint {\n      airport\n      country\n    }\n  }\n  stats {\n    entries\n    voters\n    votes\n  }\n}": typeof types.ContestFieldsFragmentDoc,
    "fragment ExportFields on Export {\n  id\n  format\n  status\n  progress\n  url\n  expiresAt\n}": typeof types.ExportFieldsFragmentDoc,
    "fragment LeaderboardEntryFields on LeaderboardEntry {\n  rank\n  votes\n  entry {\n    id\n    submittedAt\n    author {\n      id\n      username\n    }\n    composition {\n      id\n      title\n    }\n  }\n}": typeof types.LeaderboardEntryFieldsFragmentDoc,
    "fragment LiveBatchFields on LiveBatch {\n  turn\n  sequence\n  startSeconds\n  lookaheadSeconds\n  piece {\n    compositionId\n    title\n    airports\n    theme\n    tempoBpm\n    key\n    scale\n    durationSeconds\n    startsAt\n  }\n  events {\n    kind\n    at\n    soundsAt\n    track\n    role\n    program\n    channel\n    pitch\n    velocity\n    duration\n    section\n    key\n    scale\n    chord\n    roman\n    progress\n  }\n}": typeof types.LiveBatchFieldsFragmentDoc,
    "fragment ThemeFields on Theme {\n  id\n  name\n  description\n  builtIn\n  visibility\n  usageCount\n  hasDrums\n  drumPattern\n  tempoMin\n  tempoMax\n  density\n  swing\n  humanize\n  dynamicsBase\n  dynamicsRange\n  scales\n  mapping {\n    key\n    tempo\n    mode\n  }\n  instruments {\n    role\n    name\n    program\n    instrument\n  }\n  owner {\n    id\n    username\n  }\n}": typeof types.ThemeFieldsFragmentDoc,
    "fragment UserProfile on User {\n  id\n  username\n  displayName\n  bio\n  role\n  joinedAt\n  compositionCount\n  followerCount\n  followingCount\n  likesReceived\n  viewerFollows\n}": typeof types.UserProfileFragmentDoc,
};
const documents: Documents = {
    "\n  mutation SignUpPerson($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n": types.SignUpPersonDocument,
    "\n  mutation LogInPerson($input: LogInInput!) {\n    logIn(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n": types.LogInPersonDocument,
    "\n  query SearchAirportsForPicker($query: String!, $first: Int) {\n    searchAirports(query: $query, first: $first) {\n      id\n      iata\n      icao\n      name\n      city\n      country\n      latitude\n      longitude\n    }\n  }\n": types.SearchAirportsForPickerDocument,
    "\n  query AnalyticsFigures {\n    analytics {\n      network {\n        distanceBands {\n          label\n          routeCount\n        }\n        topHubs(first: 10) {\n          destinationCount\n          airport {\n            iata\n            icao\n          }\n        }\n      }\n      music {\n        compositionsByTheme {\n          count\n          theme {\n            name\n          }\n        }\n      }\n      usage {\n        requests\n        errorCount\n        p95LatencyMs\n        cacheHitRate\n        csvUrl\n        overTime {\n          bucket\n          requests\n          errorCount\n        }\n        topOperations(first: 5) {\n          operation\n          requests\n        }\n      }\n    }\n  }\n": types.AnalyticsFiguresDocument,
    "\n  query CommunityFeed($first: Int) {\n    feed(first: $first) {\n      nodes {\n        id\n        title\n        likeCount\n        theme {\n          name\n        }\n        owner {\n          username\n        }\n      }\n    }\n  }\n": types.CommunityFeedDocument,
    "\n  query ThemeChoices {\n    themes {\n      id\n      name\n      builtIn\n    }\n  }\n": types.ThemeChoicesDocument,
    "\n  query PreviewPiece($input: ComposeInput!) {\n    previewComposition(input: $input) {\n      id\n      title\n      tempoBpm\n      key\n      scale\n      durationSeconds\n      midiUrl\n      theme {\n        id\n        name\n      }\n      sections {\n        name\n        startSeconds\n      }\n    }\n  }\n": types.PreviewPieceDocument,
    "\n  mutation SavePiece($input: ComposeInput!) {\n    createComposition(input: $input) {\n      id\n      title\n    }\n  }\n": types.SavePieceDocument,
    "\n  subscription LivePiece($input: ComposeInput!) {\n    liveComposition(input: $input) {\n      ...LiveBatchFields\n    }\n  }\n": types.LivePieceDocument,
    "\n  query ContestDetail($id: ID!) {\n    contest(id: $id) {\n      ...ContestFields\n      entries(first: 100) {\n        nodes {\n          ...ContestEntryFields\n        }\n      }\n      leaderboard(first: 10) {\n        ...LeaderboardEntryFields\n      }\n    }\n  }\n": types.ContestDetailDocument,
    "\n  subscription LeaderboardLive($contestId: ID!) {\n    leaderboardChanged(contestId: $contestId) {\n      final\n      top {\n        ...LeaderboardEntryFields\n      }\n    }\n  }\n": types.LeaderboardLiveDocument,
    "\n  query MyPieces($username: String!) {\n    user(username: $username) {\n      id\n      compositions(first: 50) {\n        nodes {\n          id\n          title\n          visibility\n        }\n      }\n    }\n  }\n": types.MyPiecesDocument,
    "\n  mutation VoteForEntry($entryId: ID!) {\n    castVote(entryId: $entryId) {\n      id\n      votes\n      viewerHasVoted\n    }\n  }\n": types.VoteForEntryDocument,
    "\n  mutation RetractEntryVote($entryId: ID!) {\n    retractVote(entryId: $entryId) {\n      id\n      votes\n      viewerHasVoted\n    }\n  }\n": types.RetractEntryVoteDocument,
    "\n  mutation SubmitToContest($contestId: ID!, $compositionId: ID!) {\n    submitEntry(contestId: $contestId, compositionId: $compositionId) {\n      id\n    }\n  }\n": types.SubmitToContestDocument,
    "\n  query ContestList($first: Int) {\n    contests(first: $first) {\n      nodes {\n        ...ContestFields\n      }\n    }\n  }\n": types.ContestListDocument,
    "\n  query ExplorePaths($from: String!, $to: String!, $maxStops: Int) {\n    findPaths(from: $from, to: $to, maxStops: $maxStops, limit: 5) {\n      stops\n      totalDistanceKm\n      legs {\n        id\n        origin {\n          iata\n          icao\n        }\n        destination {\n          iata\n          icao\n        }\n      }\n    }\n  }\n": types.ExplorePathsDocument,
    "\n  query SoundAlikeRoutes($from: String!, $to: String!) {\n    similarRoutes(from: $from, to: $to, first: 6) {\n      score\n      route {\n        id\n        distanceKm\n        origin {\n          iata\n          icao\n          city\n        }\n        destination {\n          iata\n          icao\n          city\n        }\n      }\n    }\n  }\n": types.SoundAlikeRoutesDocument,
    "\n  query RecentWithSimilar {\n    compositions(first: 6) {\n      nodes {\n        id\n        title\n        likeCount\n        theme {\n          name\n        }\n        owner {\n          username\n        }\n        similar(first: 3) {\n          score\n          composition {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n": types.RecentWithSimilarDocument,
    "\n  mutation RenderAudio($compositionId: ID!, $format: ExportFormat!) {\n    requestExport(compositionId: $compositionId, format: $format) {\n      id\n      format\n      status\n      progress\n      url\n    }\n  }\n": types.RenderAudioDocument,
    "\n  subscription RenderProgress($id: ID!) {\n    exportProgress(id: $id) {\n      id\n      status\n      progress\n      url\n    }\n  }\n": types.RenderProgressDocument,
    "\n  subscription PieceChanged($id: ID!) {\n    compositionChanged(id: $id) {\n      version\n      changedFields\n      author {\n        username\n      }\n    }\n  }\n": types.PieceChangedDocument,
    "\n  query Profile($username: String!) {\n    user(username: $username) {\n      id\n      username\n      displayName\n      bio\n      joinedAt\n      followerCount\n      followingCount\n      compositionCount\n      likesReceived\n      viewerFollows\n      compositions(first: 50) {\n        nodes {\n          id\n          title\n          likeCount\n          theme {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.ProfileDocument,
    "\n  mutation FollowPerson($username: String!) {\n    follow(username: $username) {\n      id\n      viewerFollows\n      followerCount\n    }\n  }\n": types.FollowPersonDocument,
    "\n  mutation UnfollowPerson($username: String!) {\n    unfollow(username: $username) {\n      id\n      viewerFollows\n      followerCount\n    }\n  }\n": types.UnfollowPersonDocument,
    "\n  mutation EditProfile($input: ProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n      bio\n    }\n  }\n": types.EditProfileDocument,
    "\n  subscription RadioStream($channel: String!) {\n    liveRadio(channel: $channel) {\n      ...LiveBatchFields\n    }\n  }\n": types.RadioStreamDocument,
    "\n  query RadioAirport($code: String!) {\n    airport(code: $code) {\n      id\n      name\n      city\n    }\n  }\n": types.RadioAirportDocument,
    "\n  query OnAir {\n    radioChannels {\n      channel\n      listeners\n      nowPlaying\n    }\n  }\n": types.OnAirDocument,
    "\n  query ThemeGallery($scope: ThemeScope) {\n    themes(filter: { scope: $scope }) {\n      id\n      name\n      description\n      builtIn\n      tempoMin\n      tempoMax\n      scales\n      usageCount\n      visibility\n      instruments {\n        name\n        role\n        instrument\n      }\n    }\n  }\n": types.ThemeGalleryDocument,
    "\n  mutation CreateSoundscape($input: ThemeInput!) {\n    createTheme(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateSoundscapeDocument,
    "\n  mutation CommentOnPiece($input: AddCommentInput!) {\n    addComment(input: $input) {\n      id\n    }\n  }\n": types.CommentOnPieceDocument,
    "\n  mutation EditPiece($id: ID!, $expectedVersion: Int!, $patch: CompositionPatch!) {\n    updateComposition(id: $id, expectedVersion: $expectedVersion, patch: $patch) {\n      id\n      version\n      title\n      visibility\n      license\n    }\n  }\n": types.EditPieceDocument,
    "\n  mutation InvitePerson($compositionId: ID!, $username: String!, $role: CollaboratorRole!) {\n    inviteCollaborator(compositionId: $compositionId, username: $username, role: $role) {\n      id\n    }\n  }\n": types.InvitePersonDocument,
    "\n  mutation LikePiece($id: ID!) {\n    likeComposition(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": types.LikePieceDocument,
    "\n  mutation UnlikePiece($id: ID!) {\n    unlikeComposition(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": types.UnlikePieceDocument,
    "\n  query PiecePresence($id: ID!) {\n    presence(id: $id) {\n      id\n      username\n    }\n  }\n": types.PiecePresenceDocument,
    "\n  mutation RemixPiece($id: ID!, $input: RemixInput) {\n    remixComposition(id: $id, input: $input) {\n      id\n    }\n  }\n": types.RemixPieceDocument,
    "\n  query PieceDetail($id: ID!) {\n    composition(id: $id) {\n      id\n      title\n      kind\n      saved\n      visibility\n      license\n      version\n      variation\n      key\n      scale\n      tempoBpm\n      durationSeconds\n      midiUrl\n      attribution\n      likeCount\n      viewerHasLiked\n      viewerCan {\n        edit\n        setVisibility\n        setLicence\n        invite\n      }\n      playCount\n      theme {\n        id\n        name\n      }\n      airports {\n        iata\n        icao\n      }\n      owner {\n        id\n        username\n      }\n      parent {\n        id\n        title\n      }\n      lineage {\n        id\n        title\n      }\n      remixes(first: 20) {\n        nodes {\n          id\n          title\n          owner {\n            username\n          }\n        }\n      }\n      collaborators {\n        role\n        user {\n          id\n          username\n        }\n      }\n      comments(first: 100) {\n        nodes {\n          id\n          body\n          atSecond\n          createdAt\n          author {\n            username\n          }\n          replies {\n            id\n            body\n            author {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n": types.PieceDetailDocument,
    "\n  query SharedProfile($username: String!) {\n    user(username: $username) {\n      username\n      displayName\n      compositionCount\n      followerCount\n    }\n  }\n": types.SharedProfileDocument,
    "\n  query SharedContest($id: ID!) {\n    contest(id: $id) {\n      id\n      title\n      sponsor\n      description\n    }\n  }\n": types.SharedContestDocument,
    "\n  query SharedRadio($code: String!) {\n    airport(code: $code) {\n      name\n      city\n      iata\n      icao\n    }\n  }\n": types.SharedRadioDocument,
    "\n  query SharedPiece($id: ID!) {\n    composition(id: $id) {\n      id\n      title\n      saved\n      visibility\n      key\n      scale\n      tempoBpm\n      durationSeconds\n      midiUrl\n      theme {\n        id\n        name\n      }\n      owner {\n        username\n      }\n      airports {\n        iata\n        icao\n        city\n        latitude\n        longitude\n      }\n    }\n  }\n": types.SharedPieceDocument,
    "fragment AirportSummary on Airport {\n  id\n  iata\n  icao\n  name\n  city\n  country\n  latitude\n  longitude\n}": types.AirportSummaryFragmentDoc,
    "fragment AuthPayloadFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  user {\n    id\n    username\n    displayName\n  }\n}": types.AuthPayloadFieldsFragmentDoc,
    "fragment CommentFields on Comment {\n  id\n  body\n  atSecond\n  createdAt\n  editedAt\n  author {\n    id\n    username\n    displayName\n  }\n}": types.CommentFieldsFragmentDoc,
    "fragment CompositionFields on Composition {\n  id\n  title\n  kind\n  saved\n  visibility\n  license\n  version\n  owner {\n    id\n    username\n  }\n  createdAt\n  engineVersion\n  seed\n  variation\n  key\n  scale\n  tempoBpm\n  timeSignature\n  durationSeconds\n  midi\n  midiUrl\n  theme {\n    id\n    name\n  }\n  airports {\n    iata\n    icao\n    name\n    city\n    country\n    latitude\n    longitude\n  }\n  sections {\n    name\n    leg\n    key\n    scale\n    startBar\n    bars\n    startSeconds\n    endSeconds\n  }\n  chords {\n    bar\n    symbol\n    roman\n    startSeconds\n  }\n  tracks {\n    name\n    role\n    instrument\n    program\n    channel\n    notes {\n      pitch\n      start\n      duration\n      velocity\n    }\n  }\n}": types.CompositionFieldsFragmentDoc,
    "fragment CompositionSummary on Composition {\n  id\n  title\n  kind\n  visibility\n  license\n  createdAt\n  key\n  scale\n  tempoBpm\n  durationSeconds\n  likeCount\n  playCount\n  viewerHasLiked\n  midiUrl\n  owner {\n    id\n    username\n  }\n  theme {\n    id\n    name\n  }\n  airports {\n    iata\n    icao\n    name\n  }\n}": types.CompositionSummaryFragmentDoc,
    "fragment ContestEntryFields on ContestEntry {\n  id\n  votes\n  viewerHasVoted\n  submittedAt\n  finalRank\n  author {\n    id\n    username\n  }\n  composition {\n    id\n    title\n    midiUrl\n  }\n  contest {\n    id\n    status\n  }\n}": types.ContestEntryFieldsFragmentDoc,
    "fragment ContestFields on Contest {\n  id\n  title\n  description\n  sponsor\n  prize\n  status\n  createdAt\n  submissionsOpenAt\n  submissionsCloseAt\n  votingOpenAt\n  votingCloseAt\n  closedEarlyAt\n  rules {\n    allowedThemes\n    entriesPerPerson\n    votesPerVoter\n    minAccountAgeHours\n    routeConstraint {\n      airport\n      country\n    }\n  }\n  stats {\n    entries\n    voters\n    votes\n  }\n}": types.ContestFieldsFragmentDoc,
    "fragment ExportFields on Export {\n  id\n  format\n  status\n  progress\n  url\n  expiresAt\n}": types.ExportFieldsFragmentDoc,
    "fragment LeaderboardEntryFields on LeaderboardEntry {\n  rank\n  votes\n  entry {\n    id\n    submittedAt\n    author {\n      id\n      username\n    }\n    composition {\n      id\n      title\n    }\n  }\n}": types.LeaderboardEntryFieldsFragmentDoc,
    "fragment LiveBatchFields on LiveBatch {\n  turn\n  sequence\n  startSeconds\n  lookaheadSeconds\n  piece {\n    compositionId\n    title\n    airports\n    theme\n    tempoBpm\n    key\n    scale\n    durationSeconds\n    startsAt\n  }\n  events {\n    kind\n    at\n    soundsAt\n    track\n    role\n    program\n    channel\n    pitch\n    velocity\n    duration\n    section\n    key\n    scale\n    chord\n    roman\n    progress\n  }\n}": types.LiveBatchFieldsFragmentDoc,
    "fragment ThemeFields on Theme {\n  id\n  name\n  description\n  builtIn\n  visibility\n  usageCount\n  hasDrums\n  drumPattern\n  tempoMin\n  tempoMax\n  density\n  swing\n  humanize\n  dynamicsBase\n  dynamicsRange\n  scales\n  mapping {\n    key\n    tempo\n    mode\n  }\n  instruments {\n    role\n    name\n    program\n    instrument\n  }\n  owner {\n    id\n    username\n  }\n}": types.ThemeFieldsFragmentDoc,
    "fragment UserProfile on User {\n  id\n  username\n  displayName\n  bio\n  role\n  joinedAt\n  compositionCount\n  followerCount\n  followingCount\n  likesReceived\n  viewerFollows\n}": types.UserProfileFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUpPerson($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n"): (typeof documents)["\n  mutation SignUpPerson($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogInPerson($input: LogInInput!) {\n    logIn(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n"): (typeof documents)["\n  mutation LogInPerson($input: LogInInput!) {\n    logIn(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchAirportsForPicker($query: String!, $first: Int) {\n    searchAirports(query: $query, first: $first) {\n      id\n      iata\n      icao\n      name\n      city\n      country\n      latitude\n      longitude\n    }\n  }\n"): (typeof documents)["\n  query SearchAirportsForPicker($query: String!, $first: Int) {\n    searchAirports(query: $query, first: $first) {\n      id\n      iata\n      icao\n      name\n      city\n      country\n      latitude\n      longitude\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AnalyticsFigures {\n    analytics {\n      network {\n        distanceBands {\n          label\n          routeCount\n        }\n        topHubs(first: 10) {\n          destinationCount\n          airport {\n            iata\n            icao\n          }\n        }\n      }\n      music {\n        compositionsByTheme {\n          count\n          theme {\n            name\n          }\n        }\n      }\n      usage {\n        requests\n        errorCount\n        p95LatencyMs\n        cacheHitRate\n        csvUrl\n        overTime {\n          bucket\n          requests\n          errorCount\n        }\n        topOperations(first: 5) {\n          operation\n          requests\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AnalyticsFigures {\n    analytics {\n      network {\n        distanceBands {\n          label\n          routeCount\n        }\n        topHubs(first: 10) {\n          destinationCount\n          airport {\n            iata\n            icao\n          }\n        }\n      }\n      music {\n        compositionsByTheme {\n          count\n          theme {\n            name\n          }\n        }\n      }\n      usage {\n        requests\n        errorCount\n        p95LatencyMs\n        cacheHitRate\n        csvUrl\n        overTime {\n          bucket\n          requests\n          errorCount\n        }\n        topOperations(first: 5) {\n          operation\n          requests\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CommunityFeed($first: Int) {\n    feed(first: $first) {\n      nodes {\n        id\n        title\n        likeCount\n        theme {\n          name\n        }\n        owner {\n          username\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CommunityFeed($first: Int) {\n    feed(first: $first) {\n      nodes {\n        id\n        title\n        likeCount\n        theme {\n          name\n        }\n        owner {\n          username\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ThemeChoices {\n    themes {\n      id\n      name\n      builtIn\n    }\n  }\n"): (typeof documents)["\n  query ThemeChoices {\n    themes {\n      id\n      name\n      builtIn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewPiece($input: ComposeInput!) {\n    previewComposition(input: $input) {\n      id\n      title\n      tempoBpm\n      key\n      scale\n      durationSeconds\n      midiUrl\n      theme {\n        id\n        name\n      }\n      sections {\n        name\n        startSeconds\n      }\n    }\n  }\n"): (typeof documents)["\n  query PreviewPiece($input: ComposeInput!) {\n    previewComposition(input: $input) {\n      id\n      title\n      tempoBpm\n      key\n      scale\n      durationSeconds\n      midiUrl\n      theme {\n        id\n        name\n      }\n      sections {\n        name\n        startSeconds\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SavePiece($input: ComposeInput!) {\n    createComposition(input: $input) {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  mutation SavePiece($input: ComposeInput!) {\n    createComposition(input: $input) {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LivePiece($input: ComposeInput!) {\n    liveComposition(input: $input) {\n      ...LiveBatchFields\n    }\n  }\n"): (typeof documents)["\n  subscription LivePiece($input: ComposeInput!) {\n    liveComposition(input: $input) {\n      ...LiveBatchFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContestDetail($id: ID!) {\n    contest(id: $id) {\n      ...ContestFields\n      entries(first: 100) {\n        nodes {\n          ...ContestEntryFields\n        }\n      }\n      leaderboard(first: 10) {\n        ...LeaderboardEntryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContestDetail($id: ID!) {\n    contest(id: $id) {\n      ...ContestFields\n      entries(first: 100) {\n        nodes {\n          ...ContestEntryFields\n        }\n      }\n      leaderboard(first: 10) {\n        ...LeaderboardEntryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LeaderboardLive($contestId: ID!) {\n    leaderboardChanged(contestId: $contestId) {\n      final\n      top {\n        ...LeaderboardEntryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription LeaderboardLive($contestId: ID!) {\n    leaderboardChanged(contestId: $contestId) {\n      final\n      top {\n        ...LeaderboardEntryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPieces($username: String!) {\n    user(username: $username) {\n      id\n      compositions(first: 50) {\n        nodes {\n          id\n          title\n          visibility\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyPieces($username: String!) {\n    user(username: $username) {\n      id\n      compositions(first: 50) {\n        nodes {\n          id\n          title\n          visibility\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VoteForEntry($entryId: ID!) {\n    castVote(entryId: $entryId) {\n      id\n      votes\n      viewerHasVoted\n    }\n  }\n"): (typeof documents)["\n  mutation VoteForEntry($entryId: ID!) {\n    castVote(entryId: $entryId) {\n      id\n      votes\n      viewerHasVoted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetractEntryVote($entryId: ID!) {\n    retractVote(entryId: $entryId) {\n      id\n      votes\n      viewerHasVoted\n    }\n  }\n"): (typeof documents)["\n  mutation RetractEntryVote($entryId: ID!) {\n    retractVote(entryId: $entryId) {\n      id\n      votes\n      viewerHasVoted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitToContest($contestId: ID!, $compositionId: ID!) {\n    submitEntry(contestId: $contestId, compositionId: $compositionId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitToContest($contestId: ID!, $compositionId: ID!) {\n    submitEntry(contestId: $contestId, compositionId: $compositionId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContestList($first: Int) {\n    contests(first: $first) {\n      nodes {\n        ...ContestFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContestList($first: Int) {\n    contests(first: $first) {\n      nodes {\n        ...ContestFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplorePaths($from: String!, $to: String!, $maxStops: Int) {\n    findPaths(from: $from, to: $to, maxStops: $maxStops, limit: 5) {\n      stops\n      totalDistanceKm\n      legs {\n        id\n        origin {\n          iata\n          icao\n        }\n        destination {\n          iata\n          icao\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExplorePaths($from: String!, $to: String!, $maxStops: Int) {\n    findPaths(from: $from, to: $to, maxStops: $maxStops, limit: 5) {\n      stops\n      totalDistanceKm\n      legs {\n        id\n        origin {\n          iata\n          icao\n        }\n        destination {\n          iata\n          icao\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SoundAlikeRoutes($from: String!, $to: String!) {\n    similarRoutes(from: $from, to: $to, first: 6) {\n      score\n      route {\n        id\n        distanceKm\n        origin {\n          iata\n          icao\n          city\n        }\n        destination {\n          iata\n          icao\n          city\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SoundAlikeRoutes($from: String!, $to: String!) {\n    similarRoutes(from: $from, to: $to, first: 6) {\n      score\n      route {\n        id\n        distanceKm\n        origin {\n          iata\n          icao\n          city\n        }\n        destination {\n          iata\n          icao\n          city\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentWithSimilar {\n    compositions(first: 6) {\n      nodes {\n        id\n        title\n        likeCount\n        theme {\n          name\n        }\n        owner {\n          username\n        }\n        similar(first: 3) {\n          score\n          composition {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecentWithSimilar {\n    compositions(first: 6) {\n      nodes {\n        id\n        title\n        likeCount\n        theme {\n          name\n        }\n        owner {\n          username\n        }\n        similar(first: 3) {\n          score\n          composition {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenderAudio($compositionId: ID!, $format: ExportFormat!) {\n    requestExport(compositionId: $compositionId, format: $format) {\n      id\n      format\n      status\n      progress\n      url\n    }\n  }\n"): (typeof documents)["\n  mutation RenderAudio($compositionId: ID!, $format: ExportFormat!) {\n    requestExport(compositionId: $compositionId, format: $format) {\n      id\n      format\n      status\n      progress\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RenderProgress($id: ID!) {\n    exportProgress(id: $id) {\n      id\n      status\n      progress\n      url\n    }\n  }\n"): (typeof documents)["\n  subscription RenderProgress($id: ID!) {\n    exportProgress(id: $id) {\n      id\n      status\n      progress\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PieceChanged($id: ID!) {\n    compositionChanged(id: $id) {\n      version\n      changedFields\n      author {\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PieceChanged($id: ID!) {\n    compositionChanged(id: $id) {\n      version\n      changedFields\n      author {\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profile($username: String!) {\n    user(username: $username) {\n      id\n      username\n      displayName\n      bio\n      joinedAt\n      followerCount\n      followingCount\n      compositionCount\n      likesReceived\n      viewerFollows\n      compositions(first: 50) {\n        nodes {\n          id\n          title\n          likeCount\n          theme {\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Profile($username: String!) {\n    user(username: $username) {\n      id\n      username\n      displayName\n      bio\n      joinedAt\n      followerCount\n      followingCount\n      compositionCount\n      likesReceived\n      viewerFollows\n      compositions(first: 50) {\n        nodes {\n          id\n          title\n          likeCount\n          theme {\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FollowPerson($username: String!) {\n    follow(username: $username) {\n      id\n      viewerFollows\n      followerCount\n    }\n  }\n"): (typeof documents)["\n  mutation FollowPerson($username: String!) {\n    follow(username: $username) {\n      id\n      viewerFollows\n      followerCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnfollowPerson($username: String!) {\n    unfollow(username: $username) {\n      id\n      viewerFollows\n      followerCount\n    }\n  }\n"): (typeof documents)["\n  mutation UnfollowPerson($username: String!) {\n    unfollow(username: $username) {\n      id\n      viewerFollows\n      followerCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditProfile($input: ProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n      bio\n    }\n  }\n"): (typeof documents)["\n  mutation EditProfile($input: ProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n      bio\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RadioStream($channel: String!) {\n    liveRadio(channel: $channel) {\n      ...LiveBatchFields\n    }\n  }\n"): (typeof documents)["\n  subscription RadioStream($channel: String!) {\n    liveRadio(channel: $channel) {\n      ...LiveBatchFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RadioAirport($code: String!) {\n    airport(code: $code) {\n      id\n      name\n      city\n    }\n  }\n"): (typeof documents)["\n  query RadioAirport($code: String!) {\n    airport(code: $code) {\n      id\n      name\n      city\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OnAir {\n    radioChannels {\n      channel\n      listeners\n      nowPlaying\n    }\n  }\n"): (typeof documents)["\n  query OnAir {\n    radioChannels {\n      channel\n      listeners\n      nowPlaying\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ThemeGallery($scope: ThemeScope) {\n    themes(filter: { scope: $scope }) {\n      id\n      name\n      description\n      builtIn\n      tempoMin\n      tempoMax\n      scales\n      usageCount\n      visibility\n      instruments {\n        name\n        role\n        instrument\n      }\n    }\n  }\n"): (typeof documents)["\n  query ThemeGallery($scope: ThemeScope) {\n    themes(filter: { scope: $scope }) {\n      id\n      name\n      description\n      builtIn\n      tempoMin\n      tempoMax\n      scales\n      usageCount\n      visibility\n      instruments {\n        name\n        role\n        instrument\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSoundscape($input: ThemeInput!) {\n    createTheme(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSoundscape($input: ThemeInput!) {\n    createTheme(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CommentOnPiece($input: AddCommentInput!) {\n    addComment(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CommentOnPiece($input: AddCommentInput!) {\n    addComment(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditPiece($id: ID!, $expectedVersion: Int!, $patch: CompositionPatch!) {\n    updateComposition(id: $id, expectedVersion: $expectedVersion, patch: $patch) {\n      id\n      version\n      title\n      visibility\n      license\n    }\n  }\n"): (typeof documents)["\n  mutation EditPiece($id: ID!, $expectedVersion: Int!, $patch: CompositionPatch!) {\n    updateComposition(id: $id, expectedVersion: $expectedVersion, patch: $patch) {\n      id\n      version\n      title\n      visibility\n      license\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvitePerson($compositionId: ID!, $username: String!, $role: CollaboratorRole!) {\n    inviteCollaborator(compositionId: $compositionId, username: $username, role: $role) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation InvitePerson($compositionId: ID!, $username: String!, $role: CollaboratorRole!) {\n    inviteCollaborator(compositionId: $compositionId, username: $username, role: $role) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LikePiece($id: ID!) {\n    likeComposition(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n"): (typeof documents)["\n  mutation LikePiece($id: ID!) {\n    likeComposition(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlikePiece($id: ID!) {\n    unlikeComposition(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n"): (typeof documents)["\n  mutation UnlikePiece($id: ID!) {\n    unlikeComposition(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PiecePresence($id: ID!) {\n    presence(id: $id) {\n      id\n      username\n    }\n  }\n"): (typeof documents)["\n  query PiecePresence($id: ID!) {\n    presence(id: $id) {\n      id\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemixPiece($id: ID!, $input: RemixInput) {\n    remixComposition(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RemixPiece($id: ID!, $input: RemixInput) {\n    remixComposition(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PieceDetail($id: ID!) {\n    composition(id: $id) {\n      id\n      title\n      kind\n      saved\n      visibility\n      license\n      version\n      variation\n      key\n      scale\n      tempoBpm\n      durationSeconds\n      midiUrl\n      attribution\n      likeCount\n      viewerHasLiked\n      viewerCan {\n        edit\n        setVisibility\n        setLicence\n        invite\n      }\n      playCount\n      theme {\n        id\n        name\n      }\n      airports {\n        iata\n        icao\n      }\n      owner {\n        id\n        username\n      }\n      parent {\n        id\n        title\n      }\n      lineage {\n        id\n        title\n      }\n      remixes(first: 20) {\n        nodes {\n          id\n          title\n          owner {\n            username\n          }\n        }\n      }\n      collaborators {\n        role\n        user {\n          id\n          username\n        }\n      }\n      comments(first: 100) {\n        nodes {\n          id\n          body\n          atSecond\n          createdAt\n          author {\n            username\n          }\n          replies {\n            id\n            body\n            author {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PieceDetail($id: ID!) {\n    composition(id: $id) {\n      id\n      title\n      kind\n      saved\n      visibility\n      license\n      version\n      variation\n      key\n      scale\n      tempoBpm\n      durationSeconds\n      midiUrl\n      attribution\n      likeCount\n      viewerHasLiked\n      viewerCan {\n        edit\n        setVisibility\n        setLicence\n        invite\n      }\n      playCount\n      theme {\n        id\n        name\n      }\n      airports {\n        iata\n        icao\n      }\n      owner {\n        id\n        username\n      }\n      parent {\n        id\n        title\n      }\n      lineage {\n        id\n        title\n      }\n      remixes(first: 20) {\n        nodes {\n          id\n          title\n          owner {\n            username\n          }\n        }\n      }\n      collaborators {\n        role\n        user {\n          id\n          username\n        }\n      }\n      comments(first: 100) {\n        nodes {\n          id\n          body\n          atSecond\n          createdAt\n          author {\n            username\n          }\n          replies {\n            id\n            body\n            author {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SharedProfile($username: String!) {\n    user(username: $username) {\n      username\n      displayName\n      compositionCount\n      followerCount\n    }\n  }\n"): (typeof documents)["\n  query SharedProfile($username: String!) {\n    user(username: $username) {\n      username\n      displayName\n      compositionCount\n      followerCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SharedContest($id: ID!) {\n    contest(id: $id) {\n      id\n      title\n      sponsor\n      description\n    }\n  }\n"): (typeof documents)["\n  query SharedContest($id: ID!) {\n    contest(id: $id) {\n      id\n      title\n      sponsor\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SharedRadio($code: String!) {\n    airport(code: $code) {\n      name\n      city\n      iata\n      icao\n    }\n  }\n"): (typeof documents)["\n  query SharedRadio($code: String!) {\n    airport(code: $code) {\n      name\n      city\n      iata\n      icao\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SharedPiece($id: ID!) {\n    composition(id: $id) {\n      id\n      title\n      saved\n      visibility\n      key\n      scale\n      tempoBpm\n      durationSeconds\n      midiUrl\n      theme {\n        id\n        name\n      }\n      owner {\n        username\n      }\n      airports {\n        iata\n        icao\n        city\n        latitude\n        longitude\n      }\n    }\n  }\n"): (typeof documents)["\n  query SharedPiece($id: ID!) {\n    composition(id: $id) {\n      id\n      title\n      saved\n      visibility\n      key\n      scale\n      tempoBpm\n      durationSeconds\n      midiUrl\n      theme {\n        id\n        name\n      }\n      owner {\n        username\n      }\n      airports {\n        iata\n        icao\n        city\n        latitude\n        longitude\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AirportSummary on Airport {\n  id\n  iata\n  icao\n  name\n  city\n  country\n  latitude\n  longitude\n}"): (typeof documents)["fragment AirportSummary on Airport {\n  id\n  iata\n  icao\n  name\n  city\n  country\n  latitude\n  longitude\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AuthPayloadFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  user {\n    id\n    username\n    displayName\n  }\n}"): (typeof documents)["fragment AuthPayloadFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  user {\n    id\n    username\n    displayName\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CommentFields on Comment {\n  id\n  body\n  atSecond\n  createdAt\n  editedAt\n  author {\n    id\n    username\n    displayName\n  }\n}"): (typeof documents)["fragment CommentFields on Comment {\n  id\n  body\n  atSecond\n  createdAt\n  editedAt\n  author {\n    id\n    username\n    displayName\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CompositionFields on Composition {\n  id\n  title\n  kind\n  saved\n  visibility\n  license\n  version\n  owner {\n    id\n    username\n  }\n  createdAt\n  engineVersion\n  seed\n  variation\n  key\n  scale\n  tempoBpm\n  timeSignature\n  durationSeconds\n  midi\n  midiUrl\n  theme {\n    id\n    name\n  }\n  airports {\n    iata\n    icao\n    name\n    city\n    country\n    latitude\n    longitude\n  }\n  sections {\n    name\n    leg\n    key\n    scale\n    startBar\n    bars\n    startSeconds\n    endSeconds\n  }\n  chords {\n    bar\n    symbol\n    roman\n    startSeconds\n  }\n  tracks {\n    name\n    role\n    instrument\n    program\n    channel\n    notes {\n      pitch\n      start\n      duration\n      velocity\n    }\n  }\n}"): (typeof documents)["fragment CompositionFields on Composition {\n  id\n  title\n  kind\n  saved\n  visibility\n  license\n  version\n  owner {\n    id\n    username\n  }\n  createdAt\n  engineVersion\n  seed\n  variation\n  key\n  scale\n  tempoBpm\n  timeSignature\n  durationSeconds\n  midi\n  midiUrl\n  theme {\n    id\n    name\n  }\n  airports {\n    iata\n    icao\n    name\n    city\n    country\n    latitude\n    longitude\n  }\n  sections {\n    name\n    leg\n    key\n    scale\n    startBar\n    bars\n    startSeconds\n    endSeconds\n  }\n  chords {\n    bar\n    symbol\n    roman\n    startSeconds\n  }\n  tracks {\n    name\n    role\n    instrument\n    program\n    channel\n    notes {\n      pitch\n      start\n      duration\n      velocity\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CompositionSummary on Composition {\n  id\n  title\n  kind\n  visibility\n  license\n  createdAt\n  key\n  scale\n  tempoBpm\n  durationSeconds\n  likeCount\n  playCount\n  viewerHasLiked\n  midiUrl\n  owner {\n    id\n    username\n  }\n  theme {\n    id\n    name\n  }\n  airports {\n    iata\n    icao\n    name\n  }\n}"): (typeof documents)["fragment CompositionSummary on Composition {\n  id\n  title\n  kind\n  visibility\n  license\n  createdAt\n  key\n  scale\n  tempoBpm\n  durationSeconds\n  likeCount\n  playCount\n  viewerHasLiked\n  midiUrl\n  owner {\n    id\n    username\n  }\n  theme {\n    id\n    name\n  }\n  airports {\n    iata\n    icao\n    name\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ContestEntryFields on ContestEntry {\n  id\n  votes\n  viewerHasVoted\n  submittedAt\n  finalRank\n  author {\n    id\n    username\n  }\n  composition {\n    id\n    title\n    midiUrl\n  }\n  contest {\n    id\n    status\n  }\n}"): (typeof documents)["fragment ContestEntryFields on ContestEntry {\n  id\n  votes\n  viewerHasVoted\n  submittedAt\n  finalRank\n  author {\n    id\n    username\n  }\n  composition {\n    id\n    title\n    midiUrl\n  }\n  contest {\n    id\n    status\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ContestFields on Contest {\n  id\n  title\n  description\n  sponsor\n  prize\n  status\n  createdAt\n  submissionsOpenAt\n  submissionsCloseAt\n  votingOpenAt\n  votingCloseAt\n  closedEarlyAt\n  rules {\n    allowedThemes\n    entriesPerPerson\n    votesPerVoter\n    minAccountAgeHours\n    routeConstraint {\n      airport\n      country\n    }\n  }\n  stats {\n    entries\n    voters\n    votes\n  }\n}"): (typeof documents)["fragment ContestFields on Contest {\n  id\n  title\n  description\n  sponsor\n  prize\n  status\n  createdAt\n  submissionsOpenAt\n  submissionsCloseAt\n  votingOpenAt\n  votingCloseAt\n  closedEarlyAt\n  rules {\n    allowedThemes\n    entriesPerPerson\n    votesPerVoter\n    minAccountAgeHours\n    routeConstraint {\n      airport\n      country\n    }\n  }\n  stats {\n    entries\n    voters\n    votes\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ExportFields on Export {\n  id\n  format\n  status\n  progress\n  url\n  expiresAt\n}"): (typeof documents)["fragment ExportFields on Export {\n  id\n  format\n  status\n  progress\n  url\n  expiresAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment LeaderboardEntryFields on LeaderboardEntry {\n  rank\n  votes\n  entry {\n    id\n    submittedAt\n    author {\n      id\n      username\n    }\n    composition {\n      id\n      title\n    }\n  }\n}"): (typeof documents)["fragment LeaderboardEntryFields on LeaderboardEntry {\n  rank\n  votes\n  entry {\n    id\n    submittedAt\n    author {\n      id\n      username\n    }\n    composition {\n      id\n      title\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment LiveBatchFields on LiveBatch {\n  turn\n  sequence\n  startSeconds\n  lookaheadSeconds\n  piece {\n    compositionId\n    title\n    airports\n    theme\n    tempoBpm\n    key\n    scale\n    durationSeconds\n    startsAt\n  }\n  events {\n    kind\n    at\n    soundsAt\n    track\n    role\n    program\n    channel\n    pitch\n    velocity\n    duration\n    section\n    key\n    scale\n    chord\n    roman\n    progress\n  }\n}"): (typeof documents)["fragment LiveBatchFields on LiveBatch {\n  turn\n  sequence\n  startSeconds\n  lookaheadSeconds\n  piece {\n    compositionId\n    title\n    airports\n    theme\n    tempoBpm\n    key\n    scale\n    durationSeconds\n    startsAt\n  }\n  events {\n    kind\n    at\n    soundsAt\n    track\n    role\n    program\n    channel\n    pitch\n    velocity\n    duration\n    section\n    key\n    scale\n    chord\n    roman\n    progress\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ThemeFields on Theme {\n  id\n  name\n  description\n  builtIn\n  visibility\n  usageCount\n  hasDrums\n  drumPattern\n  tempoMin\n  tempoMax\n  density\n  swing\n  humanize\n  dynamicsBase\n  dynamicsRange\n  scales\n  mapping {\n    key\n    tempo\n    mode\n  }\n  instruments {\n    role\n    name\n    program\n    instrument\n  }\n  owner {\n    id\n    username\n  }\n}"): (typeof documents)["fragment ThemeFields on Theme {\n  id\n  name\n  description\n  builtIn\n  visibility\n  usageCount\n  hasDrums\n  drumPattern\n  tempoMin\n  tempoMax\n  density\n  swing\n  humanize\n  dynamicsBase\n  dynamicsRange\n  scales\n  mapping {\n    key\n    tempo\n    mode\n  }\n  instruments {\n    role\n    name\n    program\n    instrument\n  }\n  owner {\n    id\n    username\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment UserProfile on User {\n  id\n  username\n  displayName\n  bio\n  role\n  joinedAt\n  compositionCount\n  followerCount\n  followingCount\n  likesReceived\n  viewerFollows\n}"): (typeof documents)["fragment UserProfile on User {\n  id\n  username\n  displayName\n  bio\n  role\n  joinedAt\n  compositionCount\n  followerCount\n  followingCount\n  likesReceived\n  viewerFollows\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;