import { Component, type ComponentChildren } from 'preact';

/**
 * Whatever breaks in a public screen, the visitor sees a calm message, never a stack trace;
 * the page reloads itself after a while.
 */
export class CalmErrorBoundary extends Component<{ message: string; children: ComponentChildren }, { broken: boolean }> {
  override state = { broken: false };

  override componentDidCatch(): void {
    this.setState({ broken: true });
    window.setTimeout(() => window.location.reload(), 10_000);
  }

  override render() {
    return this.state.broken ? (
      <div class="calm-error" role="alert">
        {this.props.message}
      </div>
    ) : (
      this.props.children
    );
  }
}
