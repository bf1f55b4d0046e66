import { Component, type ErrorInfo, type ReactNode } from 'react';
import { errorMessage } from '../api/api-error.js';

interface Props {
  children: ReactNode;
  /** Changing it clears a shown error (the user went to another page). */
  resetKey: string;
}

interface State {
  error: unknown;
  resetKey: string;
}

/** Whatever a page throws while rendering becomes a readable message and a way out, never a blank screen. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error ?? new Error('Unknown error') };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: undefined, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('portal page failed', error, info.componentStack);
  }

  override render() {
    if (this.state.error === undefined) return this.props.children;
    return (
      <section className="panel error-page" role="alert">
        <h1>This page could not be shown</h1>
        <p>{errorMessage(this.state.error)}</p>
        <p className="actions">
          <button type="button" onClick={() => this.setState({ error: undefined })}>
            Try again
          </button>
          <a href="/">Back to the library</a>
        </p>
      </section>
    );
  }
}
