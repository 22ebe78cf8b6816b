import type * as AdaptiveCardsSdk from 'adaptivecards';

// The page loads the SDK's browser build with a <script> tag; it defines this global.
declare global {
  const AdaptiveCards: typeof AdaptiveCardsSdk;
}
