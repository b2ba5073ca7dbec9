import { Field, ID, ObjectType } from 'type-graphql';
import { Connection } from './connection.type.js';

@ObjectType({ description: 'A code repository cited by papers.' })
export class Repository {
  @Field(() => ID, { description: 'Normalised location, e.g. "github.com/owner/name".' })
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => String)
  host!: string;

  @Field(() => String)
  owner!: string;

  @Field(() => String)
  name!: string;
}

export const RepositoryConnection = Connection(Repository, 'Repository');
