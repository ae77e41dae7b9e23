// An image repository as dial.yaml names it (`registry.example.com/shop/checkout`, `127.0.0.1:5000/demo/x`,
// `ghcr.io/org/app`, or a Docker Hub name such as `org/app` or `app`), split the way Docker does: the first
// component is a registry host when it holds a `.` or a `:` or is `localhost`; otherwise the image lives on
// Docker Hub, and a one-component name is under `library/`.

export interface Repository {
  /** As written in dial.yaml; outputs use it. */
  name: string;
  /** Registry host as written (`docker.io` for Docker Hub), with its port if any. */
  registry: string;
  /** Where its distribution API answers (`registry-1.docker.io` for Docker Hub). */
  apiHost: string;
  /** Repository path inside the registry (`shop/checkout`, `library/nginx`). */
  path: string;
  /** The fully qualified name builders are given (`docker.io/library/nginx`), so none adds `localhost/`. */
  qualified: string;
}

export const DOCKER_HUB = 'docker.io';

export function parseRepository(name: string): Repository {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const hasHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasHost) {
    const path = name.slice(slash + 1);
    const hub = first === DOCKER_HUB || first === 'index.docker.io' || first === 'registry-1.docker.io';
    const fullPath = hub && !path.includes('/') ? `library/${path}` : path;
    return {
      name,
      registry: hub ? DOCKER_HUB : first,
      apiHost: hub ? 'registry-1.docker.io' : first,
      path: fullPath,
      qualified: `${hub ? DOCKER_HUB : first}/${fullPath}`,
    };
  }
  const path = name.includes('/') ? name : `library/${name}`;
  return {
    name,
    registry: DOCKER_HUB,
    apiHost: 'registry-1.docker.io',
    path,
    qualified: `${DOCKER_HUB}/${path}`,
  };
}
