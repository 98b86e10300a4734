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
    "\n  mutation SignUpPerson($input: SignUpInput!) {\n    signUp(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n": typeof types.SignUpPersonDocument,
    "\n  mutation LogInPerson($input: LogInInput!) {\n    logIn(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n": typeof types.LogInPersonDocument,
    "\n  query SearchAirportsForPicker($query: String!, $first: Int) {\n    searchAirports(query: $query, first: $first) {\n      id\n      iata\n      icao\n      name\n      city\n      country\n      latitude\n      longitude\n    }\n  }\n": typeof types.SearchAirportsForPickerDocument,
    "\n  query CommunityFeed($first: Int) {\n    feed(first: $first) {\n      nodes {\n        id\n        title\n        likeCount\n        theme {\n          name\n        }\n        owner {\n          username\n        }\n      }\n    }\n  }\n": typeof types.CommunityFeedDocument,
    "\n  query ThemeChoices {\n    themes {\n      id\n      name\n      builtIn\n    }\n  }\n": typeof types.ThemeChoicesDocument,
    "\n  query PreviewPiece($input: ComposeInput!) {\n    previewComposition(input: $input) {\n      id\n      title\n      tempoBpm\n      key\n      scale\n      durationSeconds\n      midiUrl\n      theme {\n        id\n        name\n      }\n      sections {\n        name\n        startSeconds\n      }\n    }\n  }\n": typeof types.PreviewPieceDocument,
    "\n  mutation SavePiece($input: ComposeInput!) {\n    createComposition(input: $input) {\n      id\n      title\n    }\n  }\n": typeof types.SavePieceDocument,
    "\n  subscription LivePiece($input: ComposeInput!) {\n    liveComposition(input: $input) {\n      turn\n      sequence\n      startSeconds\n      lookaheadSeconds\n      piece {\n        compositionId\n        title\n        airports\n        theme\n        tempoBpm\n        key\n        scale\n        durationSeconds\n        startsAt\n      }\n      events {\n        kind\n        at\n        soundsAt\n        role\n        program\n        channel\n        pitch\n        velocity\n        duration\n        section\n        key\n        scale\n        chord\n        roman\n        progress\n      }\n    }\n  }\n": typeof types.LivePieceDocument,
    "\n  query ContestDetail($id: ID!) {\n    contest(id: $id) {\n      id\n      title\n      description\n      prize\n      sponsor\n      status\n      submissionsOpenAt\n      submissionsCloseAt\n      votingOpenAt\n      votingCloseAt\n      rules {\n        allowedThemes\n        entriesPerPerson\n        votesPerVoter\n        minAccountAgeHours\n        routeConstraint {\n          airport\n          country\n        }\n      }\n      stats {\n        entries\n        voters\n        votes\n      }\n      entries(first: 100) {\n        nodes {\n          id\n          votes\n          viewerHasVoted\n          author {\n            username\n          }\n          composition {\n            id\n            title\n          }\n        }\n      }\n      leaderboard(first: 10) {\n        rank\n        votes\n        entry {\n          id\n          composition {\n            title\n          }\n          author {\n            username\n          }\n        }\n      }\n    }\n  }\n": typeof types.ContestDetailDocument,
    "\n  subscription LeaderboardLive($contestId: ID!) {\n    leaderboardChanged(contestId: $contestId) {\n      final\n      top {\n        rank\n        votes\n        entry {\n          id\n          composition {\n            title\n          }\n          author {\n            username\n          }\n        }\n      }\n    }\n  }\n": typeof types.LeaderboardLiveDocument,
    "\n  query MyPieces($username: String!) {\n    user(username: $username) {\n      id\n      compositions(first: 50) {\n        nodes {\n          id\n          title\n          visibility\n        }\n      }\n    }\n  }\n": typeof types.MyPiecesDocument,
    "\n  mutation VoteForEntry($entryId: ID!) {\n    castVote(entryId: $entryId) {\n      id\n      votes\n      viewerHasVoted\n    }\n  }\n": typeof types.VoteForEntryDocument,
    "\n  mutation RetractEntryVote($entryId: ID!) {\n    retractVote(entryId: $entryId) {\n      id\n      votes\n      viewerHasVoted\n    }\n  }\n": typeof types.RetractEntryVoteDocument,
    "\n  mutation SubmitToContest($contestId: ID!, $compositionId: ID!) {\n    submitEntry(contestId: $contestId, compositionId: $compositionId) {\n      id\n    }\n  }\n": typeof types.SubmitToContestDocument,
    "\n  query ContestList($first: Int) {\n    contests(first: $first) {\n      nodes {\n        id\n        title\n        sponsor\n        prize\n        status\n        votingCloseAt\n        stats {\n          entries\n          votes\n        }\n      }\n    }\n  }\n": typeof types.ContestListDocument,
    "\n  query ExplorePaths($from: String!, $to: String!, $maxStops: Int) {\n    findPaths(from: $from, to: $to, maxStops: $maxStops, limit: 5) {\n      stops\n      totalDistanceKm\n      legs {\n        id\n        origin {\n          iata\n          icao\n        }\n        destination {\n          iata\n          icao\n        }\n      }\n    }\n  }\n": typeof types.ExplorePathsDocument,
    "\n  query SoundAlikeRoutes($from: String!, $to: String!) {\n    similarRoutes(from: $from, to: $to, first: 6) {\n      score\n      route {\n        id\n        distanceKm\n        origin {\n          iata\n          icao\n          city\n        }\n        destination {\n          iata\n          icao\n          city\n        }\n      }\n    }\n  }\n": typeof types.SoundAlikeRoutesDocument,
    "\n  query RecentWithSimilar {\n    compositions(first: 6) {\n      nodes {\n        id\n        title\n        likeCount\n        theme {\n          name\n        }\n        owner {\n          username\n        }\n        similar(first: 3) {\n          score\n          composition {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n": typeof types.RecentWithSimilarDocument,
    "\n  query PieceDetail($id: ID!) {\n    composition(id: $id) {\n      id\n      title\n      kind\n      saved\n      visibility\n      license\n      version\n      variation\n      key\n      scale\n      tempoBpm\n      durationSeconds\n      midiUrl\n      attribution\n      likeCount\n      viewerHasLiked\n      playCount\n      theme {\n        id\n        name\n      }\n      airports {\n        iata\n        icao\n      }\n      owner {\n        id\n        username\n      }\n      parent {\n        id\n        title\n      }\n      lineage {\n        id\n        title\n      }\n      remixes(first: 20) {\n        nodes {\n          id\n          title\n          owner {\n            username\n          }\n        }\n      }\n      collaborators {\n        role\n        user {\n          id\n          username\n        }\n      }\n      comments(first: 100) {\n        nodes {\n          id\n          body\n          atSecond\n          createdAt\n          author {\n            username\n          }\n          replies {\n            id\n            body\n            author {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.PieceDetailDocument,
    "\n  query PiecePresence($id: ID!) {\n    presence(id: $id) {\n      id\n      username\n    }\n  }\n": typeof types.PiecePresenceDocument,
    "\n  subscription PieceChanged($id: ID!) {\n    compositionChanged(id: $id) {\n      version\n      changedFields\n      author {\n        username\n      }\n    }\n  }\n": typeof types.PieceChangedDocument,
    "\n  mutation LikePiece($id: ID!) {\n    likeComposition(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": typeof types.LikePieceDocument,
    "\n  mutation UnlikePiece($id: ID!) {\n    unlikeComposition(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": typeof types.UnlikePieceDocument,
    "\n  mutation CommentOnPiece($input: AddCommentInput!) {\n    addComment(input: $input) {\n      id\n    }\n  }\n": typeof types.CommentOnPieceDocument,
    "\n  mutation RemixPiece($id: ID!, $input: RemixInput) {\n    remixComposition(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.RemixPieceDocument,
    "\n  mutation EditPiece($id: ID!, $expectedVersion: Int!, $patch: CompositionPatch!) {\n    updateComposition(id: $id, expectedVersion: $expectedVersion, patch: $patch) {\n      id\n      version\n      title\n      visibility\n      license\n    }\n  }\n": typeof types.EditPieceDocument,
    "\n  mutation InvitePerson($compositionId: ID!, $username: String!, $role: CollaboratorRole!) {\n    inviteCollaborator(compositionId: $compositionId, username: $username, role: $role) {\n      id\n    }\n  }\n": typeof types.InvitePersonDocument,
    "\n  query Profile($username: String!) {\n    user(username: $username) {\n      id\n      username\n      displayName\n      bio\n      joinedAt\n      followerCount\n      followingCount\n      compositionCount\n      likesReceived\n      viewerFollows\n      compositions(first: 50) {\n        nodes {\n          id\n          title\n          likeCount\n          theme {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProfileDocument,
    "\n  mutation FollowPerson($username: String!) {\n    follow(username: $username) {\n      id\n      viewerFollows\n      followerCount\n    }\n  }\n": typeof types.FollowPersonDocument,
    "\n  mutation UnfollowPerson($username: String!) {\n    unfollow(username: $username) {\n      id\n      viewerFollows\n      followerCount\n    }\n  }\n": typeof types.UnfollowPersonDocument,
    "\n  mutation EditProfile($input: ProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n      bio\n    }\n  }\n": typeof types.EditProfileDocument,
    "\n  subscription RadioStream($channel: String!) {\n    liveRadio(channel: $channel) {\n      turn\n      sequence\n      startSeconds\n      lookaheadSeconds\n      piece {\n        compositionId\n        title\n        airports\n        theme\n        tempoBpm\n        key\n        scale\n        durationSeconds\n        startsAt\n      }\n      events {\n        kind\n        at\n        soundsAt\n        role\n        program\n        channel\n        pitch\n        velocity\n        duration\n        section\n        key\n        scale\n        chord\n        roman\n        progress\n      }\n    }\n  }\n": typeof types.RadioStreamDocument,
    "\n  query RadioAirport($code: String!) {\n    airport(code: $code) {\n      id\n      name\n      city\n    }\n  }\n": typeof types.RadioAirportDocument,
    "\n  query OnAir {\n    radioChannels {\n      channel\n      listeners\n      nowPlaying\n    }\n  }\n": typeof types.OnAirDocument,
    "\n  query ThemeGallery($scope: ThemeScope) {\n    themes(filter: { scope: $scope }) {\n      id\n      name\n      description\n      builtIn\n      tempoMin\n      tempoMax\n      scales\n      usageCount\n      visibility\n      instruments {\n        name\n        role\n        instrument\n      }\n    }\n  }\n": typeof types.ThemeGalleryDocument,
    "\n  mutation CreateSoundscape($input: ThemeInput!) {\n    createTheme(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateSoundscapeDocument,
};
const documents: Documents = {
    "\n  mutation SignUpPerson($input: SignUpInput!) {\n    signUp(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n": types.SignUpPersonDocument,
    "\n  mutation LogInPerson($input: LogInInput!) {\n    logIn(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n": types.LogInPersonDocument,
    "\n  query SearchAirportsForPicker($query: String!, $first: Int) {\n    searchAirports(query: $query, first: $first) {\n      id\n      iata\n      icao\n      name\n      city\n      country\n      latitude\n      longitude\n    }\n  }\n": types.SearchAirportsForPickerDocument,
    "\n  query CommunityFeed($first: Int) {\n    feed(first: $first) {\n      nodes {\n        id\n        title\n        likeCount\n        theme {\n          name\n        }\n        owner {\n          username\n        }\n      }\n    }\n  }\n": types.CommunityFeedDocument,
    "\n  query ThemeChoices {\n    themes {\n      id\n      name\n      builtIn\n    }\n  }\n": types.ThemeChoicesDocument,
    "\n  query PreviewPiece($input: ComposeInput!) {\n    previewComposition(input: $input) {\n      id\n      title\n      tempoBpm\n      key\n      scale\n      durationSeconds\n      midiUrl\n      theme {\n        id\n        name\n      }\n      sections {\n        name\n        startSeconds\n      }\n    }\n  }\n": types.PreviewPieceDocument,
    "\n  mutation SavePiece($input: ComposeInput!) {\n    createComposition(input: $input) {\n      id\n      title\n    }\n  }\n": types.SavePieceDocument,
    "\n  subscription LivePiece($input: ComposeInput!) {\n    liveComposition(input: $input) {\n      turn\n      sequence\n      startSeconds\n      lookaheadSeconds\n      piece {\n        compositionId\n        title\n        airports\n        theme\n        tempoBpm\n        key\n        scale\n        durationSeconds\n        startsAt\n      }\n      events {\n        kind\n        at\n        soundsAt\n        role\n        program\n        channel\n        pitch\n        velocity\n        duration\n        section\n        key\n        scale\n        chord\n        roman\n        progress\n      }\n    }\n  }\n": types.LivePieceDocument,
    "\n  query ContestDetail($id: ID!) {\n    contest(id: $id) {\n      id\n      title\n      description\n      prize\n      sponsor\n      status\n      submissionsOpenAt\n      submissionsCloseAt\n      votingOpenAt\n      votingCloseAt\n      rules {\n        allowedThemes\n        entriesPerPerson\n        votesPerVoter\n        minAccountAgeHours\n        routeConstraint {\n          airport\n          country\n        }\n      }\n      stats {\n        entries\n        voters\n        votes\n      }\n      entries(first: 100) {\n        nodes {\n          id\n          votes\n          viewerHasVoted\n          author {\n            username\n          }\n          composition {\n            id\n            title\n          }\n        }\n      }\n      leaderboard(first: 10) {\n        rank\n        votes\n        entry {\n          id\n          composition {\n            title\n          }\n          author {\n            username\n          }\n        }\n      }\n    }\n  }\n": types.ContestDetailDocument,
    "\n  subscription LeaderboardLive($contestId: ID!) {\n    leaderboardChanged(contestId: $contestId) {\n      final\n      top {\n        rank\n        votes\n        entry {\n          id\n          composition {\n            title\n          }\n          author {\n            username\n          }\n        }\n      }\n    }\n  }\n": types.LeaderboardLiveDocument,
    "\n  query MyPieces($username: String!) {\n    user(username: $username) {\n      id\n      compositions(first: 50) {\n        nodes {\n          id\n          title\n          visibility\n        }\n      }\n    }\n  }\n": types.MyPiecesDocument,
    "\n  mutation VoteForEntry($entryId: ID!) {\n    castVote(entryId: $entryId) {\n      id\n      votes\n      viewerHasVoted\n    }\n  }\n": types.VoteForEntryDocument,
    "\n  mutation RetractEntryVote($entryId: ID!) {\n    retractVote(entryId: $entryId) {\n      id\n      votes\n      viewerHasVoted\n    }\n  }\n": types.RetractEntryVoteDocument,
    "\n  mutation SubmitToContest($contestId: ID!, $compositionId: ID!) {\n    submitEntry(contestId: $contestId, compositionId: $compositionId) {\n      id\n    }\n  }\n": types.SubmitToContestDocument,
    "\n  query ContestList($first: Int) {\n    contests(first: $first) {\n      nodes {\n        id\n        title\n        sponsor\n        prize\n        status\n        votingCloseAt\n        stats {\n          entries\n          votes\n        }\n      }\n    }\n  }\n": types.ContestListDocument,
    "\n  query ExplorePaths($from: String!, $to: String!, $maxStops: Int) {\n    findPaths(from: $from, to: $to, maxStops: $maxStops, limit: 5) {\n      stops\n      totalDistanceKm\n      legs {\n        id\n        origin {\n          iata\n          icao\n        }\n        destination {\n          iata\n          icao\n        }\n      }\n    }\n  }\n": types.ExplorePathsDocument,
    "\n  query SoundAlikeRoutes($from: String!, $to: String!) {\n    similarRoutes(from: $from, to: $to, first: 6) {\n      score\n      route {\n        id\n        distanceKm\n        origin {\n          iata\n          icao\n          city\n        }\n        destination {\n          iata\n          icao\n          city\n        }\n      }\n    }\n  }\n": types.SoundAlikeRoutesDocument,
    "\n  query RecentWithSimilar {\n    compositions(first: 6) {\n      nodes {\n        id\n        title\n        likeCount\n        theme {\n          name\n        }\n        owner {\n          username\n        }\n        similar(first: 3) {\n          score\n          composition {\n            id\n            title\n          }\n        }\n      }\n    }\n  }\n": types.RecentWithSimilarDocument,
    "\n  query PieceDetail($id: ID!) {\n    composition(id: $id) {\n      id\n      title\n      kind\n      saved\n      visibility\n      license\n      version\n      variation\n      key\n      scale\n      tempoBpm\n      durationSeconds\n      midiUrl\n      attribution\n      likeCount\n      viewerHasLiked\n      playCount\n      theme {\n        id\n        name\n      }\n      airports {\n        iata\n        icao\n      }\n      owner {\n        id\n        username\n      }\n      parent {\n        id\n        title\n      }\n      lineage {\n        id\n        title\n      }\n      remixes(first: 20) {\n        nodes {\n          id\n          title\n          owner {\n            username\n          }\n        }\n      }\n      collaborators {\n        role\n        user {\n          id\n          username\n        }\n      }\n      comments(first: 100) {\n        nodes {\n          id\n          body\n          atSecond\n          createdAt\n          author {\n            username\n          }\n          replies {\n            id\n            body\n            author {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n": types.PieceDetailDocument,
    "\n  query PiecePresence($id: ID!) {\n    presence(id: $id) {\n      id\n      username\n    }\n  }\n": types.PiecePresenceDocument,
    "\n  subscription PieceChanged($id: ID!) {\n    compositionChanged(id: $id) {\n      version\n      changedFields\n      author {\n        username\n      }\n    }\n  }\n": types.PieceChangedDocument,
    "\n  mutation LikePiece($id: ID!) {\n    likeComposition(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": types.LikePieceDocument,
    "\n  mutation UnlikePiece($id: ID!) {\n    unlikeComposition(id: $id) {\n      id\n      likeCount\n      viewerHasLiked\n    }\n  }\n": types.UnlikePieceDocument,
    "\n  mutation CommentOnPiece($input: AddCommentInput!) {\n    addComment(input: $input) {\n      id\n    }\n  }\n": types.CommentOnPieceDocument,
    "\n  mutation RemixPiece($id: ID!, $input: RemixInput) {\n    remixComposition(id: $id, input: $input) {\n      id\n    }\n  }\n": types.RemixPieceDocument,
    "\n  mutation EditPiece($id: ID!, $expectedVersion: Int!, $patch: CompositionPatch!) {\n    updateComposition(id: $id, expectedVersion: $expectedVersion, patch: $patch) {\n      id\n      version\n      title\n      visibility\n      license\n    }\n  }\n": types.EditPieceDocument,
    "\n  mutation InvitePerson($compositionId: ID!, $username: String!, $role: CollaboratorRole!) {\n    inviteCollaborator(compositionId: $compositionId, username: $username, role: $role) {\n      id\n    }\n  }\n": types.InvitePersonDocument,
    "\n  query Profile($username: String!) {\n    user(username: $username) {\n      id\n      username\n      displayName\n      bio\n      joinedAt\n      followerCount\n      followingCount\n      compositionCount\n      likesReceived\n      viewerFollows\n      compositions(first: 50) {\n        nodes {\n          id\n          title\n          likeCount\n          theme {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.ProfileDocument,
    "\n  mutation FollowPerson($username: String!) {\n    follow(username: $username) {\n      id\n      viewerFollows\n      followerCount\n    }\n  }\n": types.FollowPersonDocument,
    "\n  mutation UnfollowPerson($username: String!) {\n    unfollow(username: $username) {\n      id\n      viewerFollows\n      followerCount\n    }\n  }\n": types.UnfollowPersonDocument,
    "\n  mutation EditProfile($input: ProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n      bio\n    }\n  }\n": types.EditProfileDocument,
    "\n  subscription RadioStream($channel: String!) {\n    liveRadio(channel: $channel) {\n      turn\n      sequence\n      startSeconds\n      lookaheadSeconds\n      piece {\n        compositionId\n        title\n        airports\n        theme\n        tempoBpm\n        key\n        scale\n        durationSeconds\n        startsAt\n      }\n      events {\n        kind\n        at\n        soundsAt\n        role\n        program\n        channel\n        pitch\n        velocity\n        duration\n        section\n        key\n        scale\n        chord\n        roman\n        progress\n      }\n    }\n  }\n": types.RadioStreamDocument,
    "\n  query RadioAirport($code: String!) {\n    airport(code: $code) {\n      id\n      name\n      city\n    }\n  }\n": types.RadioAirportDocument,
    "\n  query OnAir {\n    radioChannels {\n      channel\n      listeners\n      nowPlaying\n    }\n  }\n": types.OnAirDocument,
    "\n  query ThemeGallery($scope: ThemeScope) {\n    themes(filter: { scope: $scope }) {\n      id\n      name\n      description\n      builtIn\n      tempoMin\n      tempoMax\n      scales\n      usageCount\n      visibility\n      instruments {\n        name\n        role\n        instrument\n      }\n    }\n  }\n": types.ThemeGalleryDocument,
    "\n  mutation CreateSoundscape($input: ThemeInput!) {\n    createTheme(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateSoundscapeDocument,
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
export function graphql(source: "\n  mutation SignUpPerson($input: SignUpInput!) {\n    signUp(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUpPerson($input: SignUpInput!) {\n    signUp(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogInPerson($input: LogInInput!) {\n    logIn(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LogInPerson($input: LogInInput!) {\n    logIn(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      user {\n        id\n        username\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchAirportsForPicker($query: String!, $first: Int) {\n    searchAirports(query: $query, first: $first) {\n      id\n      iata\n      icao\n      name\n      city\n      country\n      latitude\n      longitude\n    }\n  }\n"): (typeof documents)["\n  query SearchAirportsForPicker($query: String!, $first: Int) {\n    searchAirports(query: $query, first: $first) {\n      id\n      iata\n      icao\n      name\n      city\n      country\n      latitude\n      longitude\n    }\n  }\n"];
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
export function graphql(source: "\n  subscription LivePiece($input: ComposeInput!) {\n    liveComposition(input: $input) {\n      turn\n      sequence\n      startSeconds\n      lookaheadSeconds\n      piece {\n        compositionId\n        title\n        airports\n        theme\n        tempoBpm\n        key\n        scale\n        durationSeconds\n        startsAt\n      }\n      events {\n        kind\n        at\n        soundsAt\n        role\n        program\n        channel\n        pitch\n        velocity\n        duration\n        section\n        key\n        scale\n        chord\n        roman\n        progress\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription LivePiece($input: ComposeInput!) {\n    liveComposition(input: $input) {\n      turn\n      sequence\n      startSeconds\n      lookaheadSeconds\n      piece {\n        compositionId\n        title\n        airports\n        theme\n        tempoBpm\n        key\n        scale\n        durationSeconds\n        startsAt\n      }\n      events {\n        kind\n        at\n        soundsAt\n        role\n        program\n        channel\n        pitch\n        velocity\n        duration\n        section\n        key\n        scale\n        chord\n        roman\n        progress\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContestDetail($id: ID!) {\n    contest(id: $id) {\n      id\n      title\n      description\n      prize\n      sponsor\n      status\n      submissionsOpenAt\n      submissionsCloseAt\n      votingOpenAt\n      votingCloseAt\n      rules {\n        allowedThemes\n        entriesPerPerson\n        votesPerVoter\n        minAccountAgeHours\n        routeConstraint {\n          airport\n          country\n        }\n      }\n      stats {\n        entries\n        voters\n        votes\n      }\n      entries(first: 100) {\n        nodes {\n          id\n          votes\n          viewerHasVoted\n          author {\n            username\n          }\n          composition {\n            id\n            title\n          }\n        }\n      }\n      leaderboard(first: 10) {\n        rank\n        votes\n        entry {\n          id\n          composition {\n            title\n          }\n          author {\n            username\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContestDetail($id: ID!) {\n    contest(id: $id) {\n      id\n      title\n      description\n      prize\n      sponsor\n      status\n      submissionsOpenAt\n      submissionsCloseAt\n      votingOpenAt\n      votingCloseAt\n      rules {\n        allowedThemes\n        entriesPerPerson\n        votesPerVoter\n        minAccountAgeHours\n        routeConstraint {\n          airport\n          country\n        }\n      }\n      stats {\n        entries\n        voters\n        votes\n      }\n      entries(first: 100) {\n        nodes {\n          id\n          votes\n          viewerHasVoted\n          author {\n            username\n          }\n          composition {\n            id\n            title\n          }\n        }\n      }\n      leaderboard(first: 10) {\n        rank\n        votes\n        entry {\n          id\n          composition {\n            title\n          }\n          author {\n            username\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LeaderboardLive($contestId: ID!) {\n    leaderboardChanged(contestId: $contestId) {\n      final\n      top {\n        rank\n        votes\n        entry {\n          id\n          composition {\n            title\n          }\n          author {\n            username\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription LeaderboardLive($contestId: ID!) {\n    leaderboardChanged(contestId: $contestId) {\n      final\n      top {\n        rank\n        votes\n        entry {\n          id\n          composition {\n            title\n          }\n          author {\n            username\n          }\n        }\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query ContestList($first: Int) {\n    contests(first: $first) {\n      nodes {\n        id\n        title\n        sponsor\n        prize\n        status\n        votingCloseAt\n        stats {\n          entries\n          votes\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContestList($first: Int) {\n    contests(first: $first) {\n      nodes {\n        id\n        title\n        sponsor\n        prize\n        status\n        votingCloseAt\n        stats {\n          entries\n          votes\n        }\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query PieceDetail($id: ID!) {\n    composition(id: $id) {\n      id\n      title\n      kind\n      saved\n      visibility\n      license\n      version\n      variation\n      key\n      scale\n      tempoBpm\n      durationSeconds\n      midiUrl\n      attribution\n      likeCount\n      viewerHasLiked\n      playCount\n      theme {\n        id\n        name\n      }\n      airports {\n        iata\n        icao\n      }\n      owner {\n        id\n        username\n      }\n      parent {\n        id\n        title\n      }\n      lineage {\n        id\n        title\n      }\n      remixes(first: 20) {\n        nodes {\n          id\n          title\n          owner {\n            username\n          }\n        }\n      }\n      collaborators {\n        role\n        user {\n          id\n          username\n        }\n      }\n      comments(first: 100) {\n        nodes {\n          id\n          body\n          atSecond\n          createdAt\n          author {\n            username\n          }\n          replies {\n            id\n            body\n            author {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PieceDetail($id: ID!) {\n    composition(id: $id) {\n      id\n      title\n      kind\n      saved\n      visibility\n      license\n      version\n      variation\n      key\n      scale\n      tempoBpm\n      durationSeconds\n      midiUrl\n      attribution\n      likeCount\n      viewerHasLiked\n      playCount\n      theme {\n        id\n        name\n      }\n      airports {\n        iata\n        icao\n      }\n      owner {\n        id\n        username\n      }\n      parent {\n        id\n        title\n      }\n      lineage {\n        id\n        title\n      }\n      remixes(first: 20) {\n        nodes {\n          id\n          title\n          owner {\n            username\n          }\n        }\n      }\n      collaborators {\n        role\n        user {\n          id\n          username\n        }\n      }\n      comments(first: 100) {\n        nodes {\n          id\n          body\n          atSecond\n          createdAt\n          author {\n            username\n          }\n          replies {\n            id\n            body\n            author {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PiecePresence($id: ID!) {\n    presence(id: $id) {\n      id\n      username\n    }\n  }\n"): (typeof documents)["\n  query PiecePresence($id: ID!) {\n    presence(id: $id) {\n      id\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PieceChanged($id: ID!) {\n    compositionChanged(id: $id) {\n      version\n      changedFields\n      author {\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PieceChanged($id: ID!) {\n    compositionChanged(id: $id) {\n      version\n      changedFields\n      author {\n        username\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation CommentOnPiece($input: AddCommentInput!) {\n    addComment(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CommentOnPiece($input: AddCommentInput!) {\n    addComment(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemixPiece($id: ID!, $input: RemixInput) {\n    remixComposition(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RemixPiece($id: ID!, $input: RemixInput) {\n    remixComposition(id: $id, input: $input) {\n      id\n    }\n  }\n"];
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
export function graphql(source: "\n  subscription RadioStream($channel: String!) {\n    liveRadio(channel: $channel) {\n      turn\n      sequence\n      startSeconds\n      lookaheadSeconds\n      piece {\n        compositionId\n        title\n        airports\n        theme\n        tempoBpm\n        key\n        scale\n        durationSeconds\n        startsAt\n      }\n      events {\n        kind\n        at\n        soundsAt\n        role\n        program\n        channel\n        pitch\n        velocity\n        duration\n        section\n        key\n        scale\n        chord\n        roman\n        progress\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription RadioStream($channel: String!) {\n    liveRadio(channel: $channel) {\n      turn\n      sequence\n      startSeconds\n      lookaheadSeconds\n      piece {\n        compositionId\n        title\n        airports\n        theme\n        tempoBpm\n        key\n        scale\n        durationSeconds\n        startsAt\n      }\n      events {\n        kind\n        at\n        soundsAt\n        role\n        program\n        channel\n        pitch\n        velocity\n        duration\n        section\n        key\n        scale\n        chord\n        roman\n        progress\n      }\n    }\n  }\n"];
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

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;